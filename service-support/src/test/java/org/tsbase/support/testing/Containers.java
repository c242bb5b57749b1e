package org.tsbase.support.testing;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * The containers of the {@code *ContainersIT} variants: the same integration tests, run against a real MongoDB and
 * the official Apache Kafka image where Docker exists ({@code ./mvnw verify -Ptestcontainers}). A variant is a
 * subclass of the embedded IT annotated
 * {@code @Testcontainers(disabledWithoutDocker = true) @EnabledIfSystemProperty(named = "tsbase.testcontainers", matches = "true")}
 * with these as {@code @Container @ServiceConnection} fields, so it skips cleanly without Docker.
 */
public final class Containers {

    public static final String KAFKA_IMAGE = "apache/kafka:4.1.1";
    public static final String MONGO_IMAGE = "mongo:8.0";

    private Containers() {
    }

    public static KafkaContainer kafka() {
        return new KafkaContainer(KAFKA_IMAGE);
    }

    public static MongoDBContainer mongo() {
        return new MongoDBContainer(MONGO_IMAGE);
    }
}
