package org.tsbase.localstack;

import java.util.List;
import java.util.Optional;

/**
 * One OS process of the local stack. Infrastructure parts start first and stop last; each service is a Spring Boot
 * executable jar {@code <module>/target/<module>-exec.jar}.
 */
public enum Part {
    KAFKA("kafka", null, null),
    MONGO("mongo", null, null),
    MAIL("mail", null, null),
    CONTACT_SERVICE("contact-service", "contact", "tsbase-contacts"),
    APPLICATION_SERVICE("application-service", "application", "tsbase-applications"),
    SCORING_SERVICE("scoring-service", "scoring", "tsbase-scoring"),
    NOTIFICATION_SERVICE("notification-service", "notification", "tsbase-notifications"),
    GATEWAY("gateway", "gateway", null);

    private final String id;
    private final String shortName;
    private final String database;

    Part(String id, String shortName, String database) {
        this.id = id;
        this.shortName = shortName;
        this.database = database;
    }

    /** The module name for services, a short name for infrastructure; also the log file's name. */
    public String id() {
        return id;
    }

    public boolean isInfrastructure() {
        return shortName == null;
    }

    public boolean isService() {
        return !isInfrastructure();
    }

    /** {@code application} for application-service: the key under {@code tsbase.gateway.services.*}. */
    public String shortName() {
        return shortName;
    }

    /** The service's own MongoDB database, empty for the gateway and infrastructure. */
    public Optional<String> database() {
        return Optional.ofNullable(database);
    }

    /** The port the part is reached on (the first one it opens). */
    public PortName mainPort() {
        return switch (this) {
            case KAFKA -> PortName.KAFKA;
            case MONGO -> PortName.MONGO;
            case MAIL -> PortName.SMTP;
            case CONTACT_SERVICE -> PortName.CONTACT;
            case APPLICATION_SERVICE -> PortName.APPLICATION;
            case SCORING_SERVICE -> PortName.SCORING;
            case NOTIFICATION_SERVICE -> PortName.NOTIFICATION;
            case GATEWAY -> PortName.GATEWAY;
        };
    }

    /** Every port the part listens on. */
    public List<PortName> ports() {
        return switch (this) {
            case KAFKA -> List.of(PortName.KAFKA, PortName.KAFKA_CONTROLLER);
            case MAIL -> List.of(PortName.SMTP, PortName.IMAP, PortName.MAIL_API);
            default -> List.of(mainPort());
        };
    }

    public static List<Part> infrastructure() {
        return List.of(KAFKA, MONGO, MAIL);
    }

    /** The gateway last: it is useful only once the services behind it are. */
    public static List<Part> services() {
        return List.of(CONTACT_SERVICE, APPLICATION_SERVICE, SCORING_SERVICE, NOTIFICATION_SERVICE, GATEWAY);
    }

    /** Every part's id, in start order. */
    public static List<String> ids() {
        return java.util.Arrays.stream(values()).map(Part::id).toList();
    }

    public static Optional<Part> byId(String id) {
        for (Part part : values()) {
            if (part.id.equalsIgnoreCase(id) || part.name().equalsIgnoreCase(id)) {
                return Optional.of(part);
            }
        }
        return Optional.empty();
    }
}
