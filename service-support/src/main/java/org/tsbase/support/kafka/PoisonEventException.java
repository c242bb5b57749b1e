package org.tsbase.support.kafka;

/** A record that can never be processed (not a CloudEvent, unreadable payload): sent to the dead-letter topic at once. */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonEventException(String message) {
        super(message);
    }
}
