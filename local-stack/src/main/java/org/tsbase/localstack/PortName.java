package org.tsbase.localstack;

import java.util.Locale;
import java.util.Optional;

/**
 * Every port of the local stack, with its default (docs/conventions.md) and the two ways to change it: the
 * environment variable {@code TSBASE_<NAME>_PORT} and the option {@code --<name>-port}.
 */
public enum PortName {
    GATEWAY("gateway", 8080, "the gateway"),
    APPLICATION("application", 8081, "application-service"),
    SCORING("scoring", 8082, "scoring-service"),
    NOTIFICATION("notification", 8083, "notification-service"),
    CONTACT("contact", 8084, "contact-service"),
    KAFKA("kafka", 19092, "the Kafka broker"),
    KAFKA_CONTROLLER("kafka-controller", 19093, "the Kafka controller"),
    MONGO("mongo", 27018, "the MongoDB-wire server"),
    SMTP("smtp", 3025, "the mail server (SMTP)"),
    IMAP("imap", 3143, "the mail server (IMAP)"),
    MAIL_API("mail-api", 8089, "the mail server's web API");

    private final String key;
    private final int defaultPort;
    private final String description;

    PortName(String key, int defaultPort, String description) {
        this.key = key;
        this.defaultPort = defaultPort;
        this.description = description;
    }

    public String key() {
        return key;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** Who listens there, for messages: "the gateway", "the Kafka broker". */
    public String description() {
        return description;
    }

    /** {@code TSBASE_KAFKA_CONTROLLER_PORT}. */
    public String environmentVariable() {
        return "TSBASE_" + key.toUpperCase(Locale.ROOT).replace('-', '_') + "_PORT";
    }

    /** {@code --kafka-controller-port}. */
    public String option() {
        return "--" + key + "-port";
    }

    public static Optional<PortName> byOption(String option) {
        for (PortName name : values()) {
            if (name.option().equals(option)) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }
}
