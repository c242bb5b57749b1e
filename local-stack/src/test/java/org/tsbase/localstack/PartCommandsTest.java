package org.tsbase.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
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
                "--tsbase.demo.enabled=true");
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
}
