package org.tsbase.localstack;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The single-node KRaft configuration (combined broker and controller) of the stack's Kafka broker. */
final class KafkaConfig {
    private KafkaConfig() {
    }

    static String serverProperties(Ports ports, Path logDir) {
        int broker = ports.get(PortName.KAFKA);
        int controller = ports.get(PortName.KAFKA_CONTROLLER);
        return String.join("\n",
                "# written by ./tsbase up on every start; edit local-stack/.../KafkaConfig.java instead",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + broker + ",CONTROLLER://127.0.0.1:" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + broker,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + logDir.toAbsolutePath().toString().replace("\\", "/"),
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=10",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=10",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "num.network.threads=2",
                "num.io.threads=4",
                "log.cleaner.threads=1",
                "");
    }

    /** A random cluster id as {@code kafka-storage random-uuid} makes it: 16 bytes, URL-safe base64, not "-...". */
    static String randomClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }
}
