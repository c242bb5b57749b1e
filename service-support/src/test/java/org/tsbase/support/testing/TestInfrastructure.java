package org.tsbase.support.testing;

import de.bwaldvogel.mongo.MongoServer;
import org.tsbase.embeddedmongo.IndexedH2Backend;
import org.tsbase.embeddedmongo.StoreLimits;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The real infrastructure of a service's integration tests: an Apache Kafka broker in KRaft mode (in-process) and a
 * MongoDB wire-protocol server (mongo-java-server with the local stack's indexed store, in memory). One of each per test JVM, started on first use; each test class
 * gets its own database. The Mongo server is never stopped before the Spring contexts that use it (STACK.md).
 */
public final class TestInfrastructure {

    private static RestartableKafka kafka;
    /** Set by a Testcontainers variant of an IT: the broker its Spring context and probes use instead. */
    private static volatile String containerBootstrap;
    private static MongoServer mongo;
    private static String mongoAddress;

    private TestInfrastructure() {
    }

    public static synchronized RestartableKafka kafka() {
        if (kafka == null) {
            kafka = new RestartableKafka(freePort());
            kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::destroy));
        }
        return kafka;
    }

    public static synchronized String mongoUri(String database) {
        if (mongo == null) {
            mongo = new MongoServer(IndexedH2Backend.open(null, 32, StoreLimits.DEFAULT));
            InetSocketAddress address = mongo.bind();
            mongoAddress = "127.0.0.1:" + address.getPort();
        }
        return "mongodb://" + mongoAddress + "/" + database;
    }

    /** The broker the current test's services talk to: the container's when a Testcontainers variant runs. */
    public static String bootstrapServers() {
        String container = containerBootstrap;
        return container != null ? container : kafka().bootstrapServers();
    }

    /** Whether the broker can be cut off and restored ({@link RestartableKafka#stop()}): the embedded one only. */
    public static boolean canSimulateBrokerOutage() {
        return containerBootstrap == null;
    }

    /**
     * For the {@code *ContainersIT} variants: the containers' broker (their Spring context gets it and MongoDB
     * through {@code @ServiceConnection}).
     */
    public static void useContainers(DynamicPropertyRegistry registry, String bootstrapServers) {
        containerBootstrap = bootstrapServers;
        registry.add("spring.kafka.bootstrap-servers", () -> bootstrapServers);
    }

    /** Registers Kafka, MongoDB (database {@code database}) and the test token key with the Spring context. */
    public static void register(DynamicPropertyRegistry registry, String database) {
        RestartableKafka k = kafka();
        registry.add("spring.kafka.bootstrap-servers", k::bootstrapServers);
        registry.add("spring.mongodb.uri", () -> mongoUri(database));
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        registry.add("tsbase.outbox.sweep-interval", () -> "500ms");
        registry.add("tsbase.outbox.sweep-grace", () -> "1s");
        registry.add("tsbase.kafka.errors.retry-interval", () -> "100ms");
    }

    /** A port nobody listens on at the moment of the call. */
    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An embedded KRaft broker that clients reach only through a {@link TcpProxy}, whose port is also the broker's
     * advertised listener. {@link #stop()} and {@link #start()} cut and restore the connection: for every client
     * that is a broker outage, while the broker keeps its data.
     */
    public static final class RestartableKafka {

        private final TcpProxy proxy;
        private final EmbeddedKafkaKraftBroker broker;
        private final int brokerPort;

        RestartableKafka(int port) {
            this.proxy = new TcpProxy(port);
            this.broker = new EmbeddedKafkaKraftBroker(1, 3);
            broker.brokerProperties(Map.of("advertised.listeners", "EXTERNAL://127.0.0.1:" + port,
                    "auto.create.topics.enable", "true", "num.partitions", "3",
                    "group.initial.rebalance.delay.ms", "0"));
            broker.afterPropertiesSet();
            String actual = broker.getBrokersAsString();
            this.brokerPort = Integer.parseInt(actual.substring(actual.lastIndexOf(':') + 1));
        }

        /** Clients can reach the broker (again). */
        public synchronized void start() {
            proxy.start(brokerPort);
        }

        /** Clients lose the broker: open connections drop, new ones are refused. */
        public synchronized void stop() {
            proxy.stop();
        }

        void destroy() {
            proxy.stop();
            broker.destroy();
        }

        public String bootstrapServers() {
            return "127.0.0.1:" + proxy.port();
        }

        public EmbeddedKafkaKraftBroker broker() {
            return broker;
        }
    }
}
