package org.tsbase.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CliTest {
    private static final Path ROOT = Path.of("/work/tsbase");

    @Test
    void withoutOptionsEveryPortIsTheOneInTheConventions() {
        StackConfig config = Cli.parseUp(List.of(), Map.of(), ROOT).build();

        assertThat(config.port(PortName.GATEWAY)).isEqualTo(8080);
        assertThat(config.port(PortName.APPLICATION)).isEqualTo(8081);
        assertThat(config.port(PortName.SCORING)).isEqualTo(8082);
        assertThat(config.port(PortName.NOTIFICATION)).isEqualTo(8083);
        assertThat(config.port(PortName.CONTACT)).isEqualTo(8084);
        assertThat(config.port(PortName.KAFKA)).isEqualTo(19092);
        assertThat(config.port(PortName.KAFKA_CONTROLLER)).isEqualTo(19093);
        assertThat(config.port(PortName.MONGO)).isEqualTo(27018);
        assertThat(config.port(PortName.SMTP)).isEqualTo(3025);
        assertThat(config.port(PortName.IMAP)).isEqualTo(3143);
        assertThat(config.port(PortName.MAIL_API)).isEqualTo(8089);
        assertThat(config.dataDir()).isEqualTo(ROOT.resolve("data"));
        assertThat(config.parts()).containsExactlyInAnyOrder(Part.values());
        assertThat(config.seedDemoData()).isTrue();
    }

    @Test
    void everyPortCanBeChangedByVariableOrOptionAndTheOptionWins() {
        for (PortName name : PortName.values()) {
            StackConfig byVariable = Cli.parseUp(List.of(), Map.of(name.environmentVariable(), "40001"), ROOT).build();
            StackConfig byOption = Cli.parseUp(List.of(name.option(), "40002"), Map.of(), ROOT).build();
            StackConfig both = Cli.parseUp(List.of(name.option() + "=40003"),
                    Map.of(name.environmentVariable(), "40001"), ROOT).build();

            assertThat(byVariable.port(name)).as(name.environmentVariable()).isEqualTo(40001);
            assertThat(byOption.port(name)).as(name.option()).isEqualTo(40002);
            assertThat(both.port(name)).as(name.option() + " over " + name.environmentVariable()).isEqualTo(40003);
        }
    }

    @Test
    void theGatewayExampleOfTheDocsWorks() {
        assertThat(Cli.parseUp(List.of(), Map.of("TSBASE_GATEWAY_PORT", "18080"), ROOT).build()
                .port(PortName.GATEWAY)).isEqualTo(18080);
        assertThat(Cli.parseUp(List.of("--gateway-port", "18080"), Map.of(), ROOT).build()
                .port(PortName.GATEWAY)).isEqualTo(18080);
    }

    @Test
    void aWrongPortIsRefusedWithItsSource() {
        assertThatThrownBy(() -> Cli.parseUp(List.of("--mongo-port", "70000"), Map.of(), ROOT))
                .hasMessageContaining("--mongo-port").hasMessageContaining("70000");
        assertThatThrownBy(() -> Cli.parseUp(List.of(), Map.of("TSBASE_SMTP_PORT", "smtp"), ROOT))
                .hasMessageContaining("TSBASE_SMTP_PORT").hasMessageContaining("'smtp'");
        assertThatThrownBy(() -> Cli.parseUp(List.of("--gateway-port"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("--gateway-port needs a value");
    }

    @Test
    void twoPartsOnOnePortAreRefused() {
        assertThatThrownBy(() -> Cli.parseUp(List.of("--gateway-port", "8081"), Map.of(), ROOT).build())
                .hasMessageContaining("8081").hasMessageContaining("the gateway").hasMessageContaining("application-service");
    }

    @Test
    void unknownOptionsAreUsageErrors() {
        assertThatThrownBy(() -> Cli.parseUp(List.of("--gateway"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("--gateway");
    }

    @Test
    void otherOptions() {
        StackConfig config = Cli.parseUp(List.of("--data-dir", "/tmp/tsb", "--no-demo", "--timeout", "5m",
                "--ttl", "2h", "--infrastructure-only"), Map.of("TSBASE_SERVICE_JAVA_OPTS", " -Xss512k  -Dx=y "), ROOT)
                .build();

        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/tsb"));
        assertThat(config.seedDemoData()).isFalse();
        assertThat(config.serviceTimeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.tokenTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.parts()).containsExactlyInAnyOrder(Part.KAFKA, Part.MONGO, Part.MAIL);
        assertThat(config.serviceJvmArgs()).containsExactly("-Xss512k", "-Dx=y");
    }

    @Test
    void dataDirFromTheEnvironmentIsRelativeToTheProject() {
        assertThat(Cli.parseUp(List.of(), Map.of("TSBASE_DATA_DIR", "other"), ROOT).build().dataDir())
                .isEqualTo(ROOT.resolve("other"));
    }

    @Test
    void freePortsAreDistinctAndNotTheDefaults() {
        StackConfig config = Cli.parseUp(List.of("--free-ports"), Map.of(), ROOT).build();

        assertThat(config.ports().asMap().values()).doesNotHaveDuplicates().hasSize(PortName.values().length);
    }

    @Test
    void anApplicantTokenWithoutOrgIsForTheDemoOrganisation() {
        Cli.TokenRequest request = Cli.parseToken(List.of("--role", "APPLICANT"), Map.of());

        assertThat(request.role()).isEqualTo(Role.APPLICANT);
        assertThat(request.org()).isEqualTo("91110107MA01B2C34M");
        assertThat(request.ttl()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void tokenOptions() {
        Cli.TokenRequest request = Cli.parseToken(
                List.of("--role", "applicant", "--org", "91110107MA07F8G926", "--ttl", "30m"), Map.of());

        assertThat(request.org()).isEqualTo("91110107MA07F8G926");
        assertThat(request.ttl()).isEqualTo(Duration.ofMinutes(30));
        assertThat(Cli.parseToken(List.of("--role=district-reviewer"), Map.of()).role())
                .isEqualTo(Role.DISTRICT_REVIEWER);
        assertThatThrownBy(() -> Cli.parseToken(List.of(), Map.of())).hasMessageContaining("--role");
        assertThatThrownBy(() -> Cli.parseToken(List.of("--role", "SUPERUSER"), Map.of()))
                .hasMessageContaining("SUPERUSER").hasMessageContaining("CITY_REVIEWER");
    }

    @Test
    void durations() {
        assertThat(TokenMinter.parseTtl("8h")).isEqualTo(Duration.ofHours(8));
        assertThat(TokenMinter.parseTtl("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(TokenMinter.parseTtl("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(TokenMinter.parseTtl("3600")).isEqualTo(Duration.ofHours(1));
        assertThat(TokenMinter.parseTtl("PT8H")).isEqualTo(Duration.ofHours(8));
        assertThatThrownBy(() -> TokenMinter.parseTtl("8 hours")).hasMessageContaining("8 hours");
        assertThatThrownBy(() -> TokenMinter.parseTtl("0h")).hasMessageContaining("positive");
    }

    @Test
    void theUsageNamesEveryPortOption() {
        String usage = Cli.usage();

        for (PortName name : PortName.values()) {
            assertThat(usage).contains(name.option());
        }
    }

    @Test
    void anExternalMongoDbAndKafkaReplaceTheEmbeddedOnes() {
        StackConfig config = Cli.parseUp(List.of("--mongo-uri", "mongodb://db1:27017,db2:27017/?replicaSet=rs0",
                "--kafka-bootstrap=kafka1:9092,kafka2:9092"), Map.of(), ROOT).build();

        assertThat(config.externalMongoUri()).hasValue("mongodb://db1:27017,db2:27017/?replicaSet=rs0");
        assertThat(config.externalKafka()).hasValue("kafka1:9092,kafka2:9092");
        assertThat(config.parts()).doesNotContain(Part.MONGO, Part.KAFKA).contains(Part.MAIL, Part.GATEWAY,
                Part.APPLICATION_SERVICE, Part.SCORING_SERVICE, Part.NOTIFICATION_SERVICE, Part.CONTACT_SERVICE);
        assertThat(config.seedDemoData()).as("no demo data in an existing database").isFalse();
    }

    @Test
    void eachCanBeExternalAloneAndByVariableAndTheOptionWins() {
        StackConfig mongoOnly = Cli.parseUp(List.of(), Map.of("TSBASE_MONGO_URI", "mongodb://db:27017"), ROOT).build();
        assertThat(mongoOnly.parts()).doesNotContain(Part.MONGO).contains(Part.KAFKA);
        assertThat(mongoOnly.externalKafka()).isEmpty();

        StackConfig kafkaOnly = Cli.parseUp(List.of(), Map.of("TSBASE_KAFKA_BOOTSTRAP", "k:9092"), ROOT).build();
        assertThat(kafkaOnly.parts()).doesNotContain(Part.KAFKA).contains(Part.MONGO);
        assertThat(kafkaOnly.seedDemoData()).as("the embedded database still gets the demo data").isTrue();

        StackConfig both = Cli.parseUp(List.of("--mongo-uri", "mongodb://option:27017", "--kafka-bootstrap", "o:1"),
                Map.of("TSBASE_MONGO_URI", "mongodb://variable:27017", "TSBASE_KAFKA_BOOTSTRAP", "v:2"), ROOT).build();
        assertThat(both.externalMongoUri()).hasValue("mongodb://option:27017");
        assertThat(both.externalKafka()).hasValue("o:1");

        StackConfig blank = Cli.parseUp(List.of(), Map.of("TSBASE_MONGO_URI", " ", "TSBASE_KAFKA_BOOTSTRAP", ""), ROOT)
                .build();
        assertThat(blank.parts()).containsExactlyInAnyOrder(Part.values());
    }

    @Test
    void infrastructureOnlyWithAnExternalDatabaseStartsTheRest() {
        StackConfig config = Cli.parseUp(List.of("--infrastructure-only", "--mongo-uri", "mongodb://db:27017"),
                Map.of(), ROOT).build();

        assertThat(config.parts()).containsExactlyInAnyOrder(Part.KAFKA, Part.MAIL);
    }

    @Test
    void malformedExternalAddressesAreUsageErrorsThatHideThePassword() {
        assertThatThrownBy(() -> Cli.parseUp(List.of("--mongo-uri", "http://user:secret@db:27017"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("Not a MongoDB connection string")
                .hasMessageNotContaining("secret");
        assertThatThrownBy(() -> Cli.parseUp(List.of("--mongo-uri", "mongodb://"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class);
        assertThatThrownBy(() -> Cli.parseUp(List.of(), Map.of("TSBASE_KAFKA_BOOTSTRAP", "kafka1"), ROOT))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("kafka1");
        assertThatThrownBy(() -> Cli.parseUp(List.of("--kafka-bootstrap", "k:9092,k2:port"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class);
        assertThatThrownBy(() -> Cli.parseUp(List.of("--mongo-uri"), Map.of(), ROOT))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("--mongo-uri needs a value");
    }

    @Test
    void theUsageNamesTheExternalInfrastructureOptions() {
        assertThat(Cli.usage()).contains("--mongo-uri", "TSBASE_MONGO_URI", "--kafka-bootstrap",
                "TSBASE_KAFKA_BOOTSTRAP");
    }
    @Test
    void aPartCommandNamesOnePartOrForStopAndKillAnAdditionalInstance() {
        Cli.PartRequest restart = Cli.parsePartCommand("restart", List.of("scoring-service", "--data-dir", "/tmp/x"),
                Map.of());
        assertThat(restart.command()).isEqualTo("restart");
        assertThat(restart.target()).isEqualTo("scoring-service");
        assertThat(restart.dataDir()).contains(Path.of("/tmp/x"));
        assertThat(Cli.parsePartCommand("kill", List.of("KAFKA"), Map.of("TSBASE_DATA_DIR", "/tmp/y")))
                .isEqualTo(new Cli.PartRequest("kill", "kafka", java.util.Optional.of(Path.of("/tmp/y"))));
        assertThat(Cli.parsePartCommand("kill", List.of("scoring-service-2"), Map.of()).target())
                .isEqualTo("scoring-service-2");
        assertThat(Cli.parsePartCommand("add-instance", List.of("notification-service"), Map.of()).target())
                .isEqualTo("notification-service");

        assertThatThrownBy(() -> Cli.parsePartCommand("restart", List.of(), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("restart needs a part: kafka, mongo");
        assertThatThrownBy(() -> Cli.parsePartCommand("restart", List.of("scoring"), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("No part named 'scoring'");
        assertThatThrownBy(() -> Cli.parsePartCommand("freeze", List.of("scoring-service-2"), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("stopped or killed only");
        assertThatThrownBy(() -> Cli.parsePartCommand("add-instance", List.of("gateway"), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("behind the gateway");
        assertThatThrownBy(() -> Cli.parsePartCommand("stop", List.of("kafka", "mongo"), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("one part");
        assertThatThrownBy(() -> Cli.parsePartCommand("reboot", List.of("kafka"), Map.of()))
                .isInstanceOf(Cli.UsageException.class).hasMessageContaining("Unknown command 'reboot'");
    }

    @Test
    void theUsageNamesThePartCommands() {
        assertThat(Cli.usage()).contains("./tsbase restart PART [--data-dir DIR]")
                .contains("./tsbase kill PART").contains("./tsbase freeze|thaw PART")
                .contains("./tsbase add-instance SERVICE");
    }
}
