package org.tsbase.application;

import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;
import org.tsbase.support.testing.Containers;
import org.tsbase.support.testing.TestInfrastructure;

/** {@link PipelineIT} against MongoDB and Kafka containers: {@code ./mvnw verify -Ptestcontainers} where Docker exists. */
@Testcontainers(disabledWithoutDocker = true)
@EnabledIfSystemProperty(named = "tsbase.testcontainers", matches = "true")
class PipelineContainersIT extends PipelineIT {

    @Container
    @ServiceConnection
    static final KafkaContainer KAFKA = Containers.kafka();

    @Container
    @ServiceConnection
    static final MongoDBContainer MONGO = Containers.mongo();

    @DynamicPropertySource
    static void containers(DynamicPropertyRegistry registry) {
        TestInfrastructure.useContainers(registry, KAFKA.getBootstrapServers());
    }
}
