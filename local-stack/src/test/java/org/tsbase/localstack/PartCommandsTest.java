package org.tsbase.localstack;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartCommandsTest {
    private static final Path ROOT = Path.of("/work/tsbase");
    private static final String KEY = "file:/work/tsbase/data/keys/jwt-public.pem";
    private final StackConfig config = StackConfig.builder().projectRoot(ROOT).build();
    private final PartCommands commands =
            new PartCommands(config, new LauncherFiles(config.localStackTarget()), KEY, 4242, "/jdk/bin/java");

    @Test
    void everyServiceGetsPortKafkaMongoAndTheKeyAsInTheConventions() {
        assertThat(commands.serviceArguments(Part.APPLICATION_SERVICE)).containsExactly(
                "--server.port=8081",
                "--spring.kafka.bootstrap-servers=127.0.0.1:19092",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27018/tsbase-applications",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + KEY,
                "--tsbase.demo.enabled=true",
                "--tsbase.services.scoring-url=http://127.0.0.1:8082");
        assertThat(commands.serviceArguments(Part.SCORING_SERVICE))
                .contains("--server.port=8082", "--spring.mongodb.uri=mongodb://127.0.0.1:27018/tsbase-scoring");
        assertThat(commands.serviceArguments(Part.CONTACT_SERVICE))
                .contains("--server.port=8084", "--spring.mongodb.uri=mongodb://127.0.0.1:27018/tsbase-contacts");
    }

    @Test
    void applicationServiceSeedsDemoDataOnlyWhenTheStackDoes() {
        StackConfig noDemo = StackConfig.builder().projectRoot(ROOT).seedDemoData(false).build();
        PartCommands plain = new PartCommands(noDemo, new LauncherFiles(noDemo.localStackTarget()), KEY, 4242, "/jdk/bin/java");
        assertThat(plain.serviceArguments(Part.APPLICATION_SERVICE)).contains("--tsbase.demo.enabled=false");
        assertThat(plain.serviceArguments(Part.SCORING_SERVICE)).noneMatch(a -> a.startsWith("--tsbase.demo"));
    }

    @Test
    void notificationServiceAlsoGetsTheMailServer() {
        assertThat(commands.serviceArguments(Part.NOTIFICATION_SERVICE)).contains(
                "--server.port=8083",
                "--spring.mongodb.uri=mongodb://127.0.0.1:27018/tsbase-notifications",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=3025",
                "--tsbase.mail.from=noreply@tsbase.local");
    }

    @Test
    void theGatewayGetsTheServicesAndNoDatabase() {
        List<String> args = commands.serviceArguments(Part.GATEWAY);

        assertThat(args).contains(
                "--server.port=8080",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + KEY,
                "--tsbase.gateway.services.application=http://127.0.0.1:8081",
                "--tsbase.gateway.services.scoring=http://127.0.0.1:8082",
                "--tsbase.gateway.services.notification=http://127.0.0.1:8083",
                "--tsbase.gateway.services.contact=http://127.0.0.1:8084");
        assertThat(args).noneMatch(arg -> arg.startsWith("--spring.mongodb.uri"));
    }

    @Test
    void changedPortsReachTheServicesThatNeedThem() {
        StackConfig moved = StackConfig.builder().projectRoot(ROOT).port(PortName.APPLICATION, 18081)
                .port(PortName.KAFKA, 29092).port(PortName.SMTP, 2525).build();
        PartCommands movedCommands = new PartCommands(moved, new LauncherFiles(moved.localStackTarget()), KEY, 1,
                "java");

        assertThat(movedCommands.serviceArguments(Part.GATEWAY))
                .contains("--tsbase.gateway.services.application=http://127.0.0.1:18081");
        assertThat(movedCommands.serviceArguments(Part.NOTIFICATION_SERVICE))
                .contains("--spring.kafka.bootstrap-servers=127.0.0.1:29092", "--spring.mail.port=2525");
    }

    @Test
    void aServiceIsItsExecutableJarInASmallSerialGcJvmWatchingTheLauncher() {
        List<String> command = commands.command(Part.SCORING_SERVICE);

        assertThat(command.get(0)).isEqualTo("/jdk/bin/java");
        assertThat(command).contains("-Xmx256m", "-XX:+UseSerialGC",
                "-javaagent:" + ROOT.resolve("local-stack/target/local-stack.jar") + "=parentPid=4242");
        int jar = command.indexOf("-jar");
        assertThat(command.get(jar + 1)).isEqualTo(ROOT.resolve("scoring-service/target/scoring-service-exec.jar").toString());
        assertThat(command.subList(jar + 2, command.size())).isEqualTo(commands.serviceArguments(Part.SCORING_SERVICE));
    }

    @Test
    void extraServiceJvmOptionsComeBeforeTheJar() {
        StackConfig withOpts = StackConfig.builder().projectRoot(ROOT).serviceJvmArgs(List.of("-Xmx384m")).build();
        List<String> command = new PartCommands(withOpts, new LauncherFiles(withOpts.localStackTarget()), KEY, 1,
                "java").command(Part.GATEWAY);

        assertThat(command.indexOf("-Xmx384m")).isBetween(command.indexOf("-Xmx256m"), command.indexOf("-jar"));
    }

    @Test
    void theInfrastructureIgnoresCtrlCAndRunsFromTheLauncherClasspath() {
        List<String> kafka = commands.command(Part.KAFKA);
        List<String> mongo = commands.command(Part.MONGO);
        List<String> mail = commands.command(Part.MAIL);

        assertThat(kafka).contains("-Xmx512m", "kafka.Kafka", ROOT.resolve("data/kafka/server.properties").toString());
        assertThat(mongo).contains(MongoServerMain.class.getName(), "--port", "27018",
                ROOT.resolve("data/mongo/tsbase.mv").toString());
        assertThat(mail).contains("-Dgreenmail.smtp.port=3025", "-Dgreenmail.imap.port=3143",
                "-Dgreenmail.api.port=8089", "-Dgreenmail.auth.disabled",
                ROOT.resolve("local-stack/target/greenmail/greenmail-standalone.jar").toString());
        for (List<String> command : List.of(kafka, mongo, mail)) {
            assertThat(command).anyMatch(arg -> arg.startsWith("-javaagent:") && arg.endsWith("=parentPid=4242,ignoreSigint"));
        }
    }

    @Test
    void kafkaIsOneCombinedKraftNodeOnLoopbackWithThreePartitionsByDefault() {
        String properties = KafkaConfig.serverProperties(config.ports(), Path.of("/data/kafka/logs"));

        assertThat(properties.lines()).contains(
                "process.roles=broker,controller",
                "controller.quorum.voters=1@127.0.0.1:19093",
                "listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093",
                "advertised.listeners=PLAINTEXT://127.0.0.1:19092",
                "log.dirs=/data/kafka/logs",
                "auto.create.topics.enable=true",
                "num.partitions=3",
                "offsets.topic.replication.factor=1");
        assertThat(KafkaConfig.randomClusterId()).hasSize(22).doesNotStartWith("-");
    }

    @Test
    void withAnExternalClusterEveryServiceGetsItAndItsOwnDatabaseBeforeTheOptions() {
        StackConfig external = StackConfig.builder().projectRoot(ROOT)
                .externalMongo("mongodb://db1:27017,db2:27017,db3:27017/?replicaSet=rs0&w=majority")
                .externalKafka("kafka1:9092,kafka2:9092").build();
        PartCommands cmds = new PartCommands(external, new LauncherFiles(external.localStackTarget()), KEY, 1, "java");

        assertThat(cmds.serviceArguments(Part.APPLICATION_SERVICE)).containsExactly(
                "--server.port=8081",
                "--spring.kafka.bootstrap-servers=kafka1:9092,kafka2:9092",
                "--spring.mongodb.uri=mongodb://db1:27017,db2:27017,db3:27017/tsbase-applications?replicaSet=rs0&w=majority",
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + KEY,
                "--tsbase.demo.enabled=false",
                "--tsbase.services.scoring-url=http://127.0.0.1:8082");
        assertThat(cmds.serviceArguments(Part.SCORING_SERVICE)).contains(
                "--spring.mongodb.uri=mongodb://db1:27017,db2:27017,db3:27017/tsbase-scoring?replicaSet=rs0&w=majority");
        assertThat(cmds.serviceArguments(Part.NOTIFICATION_SERVICE)).contains(
                "--spring.kafka.bootstrap-servers=kafka1:9092,kafka2:9092",
                "--spring.mongodb.uri=mongodb://db1:27017,db2:27017,db3:27017/tsbase-notifications?replicaSet=rs0&w=majority");
        assertThat(cmds.serviceArguments(Part.CONTACT_SERVICE)).contains(
                "--spring.mongodb.uri=mongodb://db1:27017,db2:27017,db3:27017/tsbase-contacts?replicaSet=rs0&w=majority");
        assertThat(cmds.serviceArguments(Part.GATEWAY)).noneMatch(arg -> arg.startsWith("--spring.mongodb.uri"));
        assertThat(cmds.kafkaBootstrapServers()).isEqualTo("kafka1:9092,kafka2:9092");
    }

    @Test
    void theServicesDatabaseGoesWhereTheConnectionStringHasItsDatabase() {
        assertThat(StackConfig.mongoUriForDatabase("mongodb://db:27017", "x")).isEqualTo("mongodb://db:27017/x");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://db:27017/", "x")).isEqualTo("mongodb://db:27017/x");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://db:27017?replicaSet=rs0", "x"))
                .isEqualTo("mongodb://db:27017/x?replicaSet=rs0");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://db:27017/other?tls=true", "x"))
                .as("a database named in the string is replaced").isEqualTo("mongodb://db:27017/x?tls=true");
        assertThat(StackConfig.mongoUriForDatabase("mongodb+srv://cluster0.example.net/?retryWrites=true", "x"))
                .isEqualTo("mongodb+srv://cluster0.example.net/x?retryWrites=true");
    }

    @Test
    void credentialsKeepAuthenticatingAgainstTheDatabaseTheyBelongTo() {
        assertThat(StackConfig.mongoUriForDatabase("mongodb://app:s%40cret@db:27017/?replicaSet=rs0", "x"))
                .isEqualTo("mongodb://app:s%40cret@db:27017/x?replicaSet=rs0&authSource=admin");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://app:pw@db:27017/users", "x"))
                .isEqualTo("mongodb://app:pw@db:27017/x?authSource=users");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://app:pw@db:27017/?AUTHSOURCE=ldap", "x"))
                .isEqualTo("mongodb://app:pw@db:27017/x?AUTHSOURCE=ldap");
        assertThat(StackConfig.mongoUriForDatabase("mongodb://CN=app@db:27017/?authMechanism=MONGODB-X509", "x"))
                .isEqualTo("mongodb://CN=app@db:27017/x?authMechanism=MONGODB-X509");
    }

    @Test
    void thePasswordIsHiddenWhereTheConnectionStringIsShown() {
        StackConfig external = StackConfig.builder().projectRoot(ROOT)
                .externalMongo("mongodb://app:secret@db1:27017,db2:27017/?replicaSet=rs0").build();
        PartCommands cmds = new PartCommands(external, new LauncherFiles(external.localStackTarget()), KEY, 1, "java");

        assertThat(cmds.mongoUri()).isEqualTo("mongodb://app:****@db1:27017,db2:27017/?replicaSet=rs0");
        assertThat(cmds.serviceArguments(Part.CONTACT_SERVICE)).contains(
                "--spring.mongodb.uri=mongodb://app:secret@db1:27017,db2:27017/tsbase-contacts?replicaSet=rs0&authSource=admin");
        assertThat(StackConfig.redactedMongoUri("mongodb://db:27017/?x=a:b@c")).isEqualTo("mongodb://db:27017/?x=a:b@c");
        assertThat(StackConfig.redactedMongoUri("mongodb://user@db:27017")).isEqualTo("mongodb://user@db:27017");
    }

    @Test
    void theEmbeddedDefaultsAreUnchanged() {
        assertThat(commands.mongoUri()).isEqualTo("mongodb://127.0.0.1:27018/");
        assertThat(commands.mongoUri("tsbase-contacts")).isEqualTo("mongodb://127.0.0.1:27018/tsbase-contacts");
        assertThat(commands.kafkaBootstrapServers()).isEqualTo("127.0.0.1:19092");
    }

    @Test
    void theServersOfAConnectionStringAreCheckedBeforeAnythingStarts() throws IOException {
        assertThat(StackConfig.mongoHosts("mongodb://u:p@db1,db2:27018,[::1]:27019/x?replicaSet=rs0"))
                .containsExactly("db1:27017", "db2:27018", "[::1]:27019");
        assertThat(StackConfig.mongoHosts("mongodb+srv://cluster0.example.net/")).isEmpty();

        int closed;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = gone.getLocalPort();
        }
        try (ServerSocket open = new ServerSocket()) {
            open.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String reachable = "127.0.0.1:" + open.getLocalPort();
            assertThat(LocalStack.firstReachable(List.of("127.0.0.1:" + closed, reachable), Duration.ofSeconds(2)))
                    .hasValue(reachable);
        }
        assertThat(LocalStack.firstReachable(List.of("127.0.0.1:" + closed), Duration.ofSeconds(2))).isEmpty();
    }
}
