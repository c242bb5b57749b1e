package org.tsbase.localstack;

import java.nio.file.Path;
import java.util.Optional;

/** The stack could not start; the message names the part and, where there is one, its log file. */
public class StackStartException extends RuntimeException {
    private final Part part;
    private final Path logFile;

    public StackStartException(String message) {
        this(message, null, null, null);
    }

    public StackStartException(String message, Part part, Path logFile, Throwable cause) {
        super(message, cause);
        this.part = part;
        this.logFile = logFile;
    }

    public Optional<Part> part() {
        return Optional.ofNullable(part);
    }

    public Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }
}
