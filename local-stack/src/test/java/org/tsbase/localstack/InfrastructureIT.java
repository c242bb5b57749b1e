package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starts the real infrastructure processes (Kafka, the MongoDB-wire server, GreenMail) on free ports into a temporary
 * folder, as {@code ./tsbase up} does, and uses each as a service would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InfrastructureIT {
    @TempDir
    static Path dataDir;
    static LocalStack stack;

    @BeforeAll
    static void start() {
        Path projectRoot = Path.of("").toAbsolutePath().getParent();
        stack = LocalStack.start(StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir).freePorts()
                .infrastructureOnly().out(System.out).build());
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void kafkaCreatesTopicsWithThreePartitionsAndDeliversWhatWasSent() throws Exception {
        String topic = "it-round-trip";
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, "app-1", "{\"submitted\":true}")).get();
        }
        assertThat(consume(topic)).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("app-1");
            assertThat(r.value()).isEqualTo("{\"submitted\":true}");
        });
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers()))) {
            assertThat(admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(3);
        }

        stack.restart(Part.KAFKA);

        assertThat(consume(topic)).as("after a restart of the broker").hasSize(1);
    }

    /** Everything in {@code topic}, read by a new consumer group from the beginning. */
    private static List<ConsumerRecord<String, String>> consume(String topic) {
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID());
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        return records;
    }

    @Test
    @Order(2)
    void whatMongoStoredSurvivesARestartOfItsProcess() {
        long pidBefore = stack.pid(Part.MONGO).orElseThrow();
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            client.getDatabase("tsbase-it").getCollection("applications")
                    .insertOne(new Document("_id", "app-1").append("status", "SUBMITTED").append("title", "示范点"));
        }

        stack.restart(Part.MONGO);

        assertThat(stack.pid(Part.MONGO)).get().isNotEqualTo(pidBefore);
        assertThat(ProcessHandle.of(pidBefore).map(ProcessHandle::isAlive)).isNotEqualTo(java.util.Optional.of(true));
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            MongoCollection<Document> applications = client.getDatabase("tsbase-it").getCollection("applications");
            Document found = applications.find(new Document("_id", "app-1")).first();
            assertThat(found).isNotNull();
            assertThat(found.getString("status")).isEqualTo("SUBMITTED");
            assertThat(found.getString("title")).isEqualTo("示范点");
        }
        assertThat(dataDir.resolve("mongo/tsbase.mv")).exists();
    }

    @Test
    @Order(3)
    void aMailSentOverSmtpIsReadableOverImapByItsRecipientAndThroughTheApi() throws Exception {
        String recipient = "li.shifan@sjs-demo.example";
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", stack.smtpHost());
        smtp.put("mail.smtp.port", String.valueOf(stack.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(smtp));
        message.setFrom(new InternetAddress("noreply@tsbase.local"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(recipient));
        message.setSubject("申报已提交 / application submitted", "UTF-8");
        message.setText("Your application was submitted.", "UTF-8");
        Transport.send(message);

        Properties imap = new Properties();
        imap.put("mail.imap.host", "127.0.0.1");
        imap.put("mail.imap.port", String.valueOf(stack.imapPort()));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            Store store = Session.getInstance(imap).getStore("imap");
            store.connect(recipient, "any password");
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessages()).extracting(Message::getSubject)
                        .containsExactly("申报已提交 / application submitted");
                inbox.close(false);
            } finally {
                store.close();
            }
        });

        HttpResponse<String> api = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.mailReaderUrl(recipient))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(api.statusCode()).isEqualTo(200);
        JsonNode messages = Json.MAPPER.readTree(api.body());
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).path("subject").asText()).isEqualTo("申报已提交 / application submitted");
    }

    @Test
    @Order(4)
    void stackJsonAndDevTokensDescribeTheRunningStack() throws Exception {
        JsonNode json = Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile());

        assertThat(json.path("state").asText()).isEqualTo("running");
        assertThat(json.path("kafka").asText()).isEqualTo(stack.kafkaBootstrapServers());
        assertThat(json.path("mongo").asText()).isEqualTo(stack.mongoUri());
        assertThat(json.path("imap").asText()).isEqualTo("127.0.0.1:" + stack.imapPort());
        assertThat(json.path("mailApi").asText()).isEqualTo(stack.mailApiUrl());
        assertThat(json.at("/processes/kafka/pid").asLong()).isEqualTo(stack.pid(Part.KAFKA).orElseThrow());
        JsonNode tokens = Json.MAPPER.readTree(dataDir.resolve("dev-tokens.json").toFile());
        assertThat(tokens.fieldNames()).toIterable()
                .containsExactly("APPLICANT", "DISTRICT_REVIEWER", "CITY_REVIEWER", "ADMIN");
        assertThat(Files.readString(dataDir.resolve("logs/kafka.log"))).contains("Kafka Server started");
        assertThat(ProcessHandle.of(stack.pid(Part.KAFKA).orElseThrow()).orElseThrow().info().arguments().orElseThrow())
                .as("runs from a copy that a rebuild cannot pull away")
                .contains(dataDir.resolve("runtime/lib") + "/*:" + dataDir.resolve("runtime/local-stack.jar"));
    }

    @Test
    @Order(5)
    void aSecondStackOnTheSameDataIsRefused() {
        StackConfig second = StackConfig.builder().projectRoot(stack.config().projectRoot()).dataDir(dataDir)
                .freePorts().infrastructureOnly().build();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalStack.start(second))
                .isInstanceOf(StackStartException.class).hasMessageContaining("already running");
    }

    @Test
    @Order(6)
    void aDatabaseThatDiesOnItsOwnIsStartedAgainWithItsData() throws Exception {
        try (MongoClient client = MongoClients.create(stack.mongoUri())) {
            client.getDatabase("supervised").getCollection("things").insertOne(new Document("_id", "before"));
        }
        long crashed = stack.pid(Part.MONGO).orElseThrow();

        // as the kernel's OOM killer or an operator's kill -9 would, not through the launcher
        ProcessHandle.of(crashed).orElseThrow().destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(stack.pid(Part.MONGO)).hasValueSatisfying(pid -> assertThat(pid).isNotEqualTo(crashed)));
        try (MongoClient client = MongoClients.create(stack.mongoUri() + "?serverSelectionTimeoutMS=20000")) {
            assertThat(client.getDatabase("supervised").getCollection("things").countDocuments(new Document("_id", "before")))
                    .isEqualTo(1);
        }
        assertThat(Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile()).at("/processes/mongo/pid").asLong())
                .isEqualTo(stack.pid(Part.MONGO).orElseThrow());
    }

    @Test
    @Order(7)
    void aPartKilledThroughTheLauncherStaysDownUntilStarted() throws Exception {
        stack.kill(Part.MAIL);

        Thread.sleep(LocalStack.SUPERVISE_EVERY.multipliedBy(3).toMillis());
        assertThat(stack.pid(Part.MAIL)).as("an operator's kill is not a crash to repair").isEmpty();

        stack.start(Part.MAIL);
        assertThat(stack.pid(Part.MAIL)).isPresent();
    }

    @Test
    @Order(8)
    void closeLeavesNoProcessBehind() {
        List<ProcessHandle> children = new ArrayList<>(ProcessHandle.current().descendants().toList());
        assertThat(children).hasSizeGreaterThanOrEqualTo(3);

        stack.close();

        assertThat(children).noneMatch(ProcessHandle::isAlive);
        assertThat(ProcessHandle.current().descendants()).isEmpty();
        assertThat(LocalStack.acceptsConnections(stack.port(PortName.KAFKA))).isFalse();
        assertThat(LocalStack.acceptsConnections(stack.port(PortName.MONGO))).isFalse();
        assertThat(LocalStack.acceptsConnections(stack.smtpPort())).isFalse();
    }
}
