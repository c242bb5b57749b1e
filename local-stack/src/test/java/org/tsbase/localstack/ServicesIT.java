package org.tsbase.localstack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

/**
 * The launcher with the real infrastructure and stand-ins for the five services' jars ({@link StandInService}):
 * what each service is started with, waiting for health, loading the demo data once, the CLI's Ctrl-C and a launcher
 * that dies hard.
 */
class ServicesIT {
    @TempDir
    static Path projectRoot;

    /** A project folder whose {@code <module>/target/<module>-exec.jar} are stand-ins. */
    @BeforeAll
    static void standIns() throws IOException {
        Path realTarget = Path.of("").toAbsolutePath().resolve("target");
        Files.createDirectories(projectRoot.resolve("local-stack"));
        Files.createSymbolicLink(projectRoot.resolve("local-stack/target"), realTarget);
        Path classes = realTarget.resolve("test-classes");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, StandInService.class.getName());
        for (Part part : Part.services()) {
            Path jar = projectRoot.resolve(part.id() + "/target/" + part.id() + "-exec.jar");
            Files.createDirectories(jar.getParent());
            try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
                String entry = StandInService.class.getName().replace('.', '/') + ".class";
                out.putNextEntry(new JarEntry(entry));
                out.write(Files.readAllBytes(classes.resolve(entry)));
                out.closeEntry();
            }
        }
    }

    private static List<String> standIn(String module, String kind) throws IOException {
        Path file = projectRoot.resolve("standin/" + module + "." + kind);
        return Files.exists(file) ? Files.readAllLines(file) : List.of();
    }

    @Test
    void theServicesGetTheirPropertiesTheDemoDataIsLoadedOnceAndCloseStopsEverything(@TempDir Path dataDir)
            throws IOException {
        StackConfig config = StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir).freePorts()
                .out(System.out).build();
        try (LocalStack stack = LocalStack.start(config)) {
            String keyLocation = "file:" + dataDir.resolve("keys/jwt-public.pem");
            assertThat(standIn("application-service", "args")).containsExactly(
                    "--server.port=" + stack.port(PortName.APPLICATION),
                    "--spring.kafka.bootstrap-servers=" + stack.kafkaBootstrapServers(),
                    "--spring.mongodb.uri=" + stack.mongoUri() + "tsbase-applications",
                    "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + keyLocation,
                    "--tsbase.demo.enabled=true");
            assertThat(standIn("notification-service", "args")).contains(
                    "--spring.mail.port=" + stack.smtpPort(), "--tsbase.mail.from=noreply@tsbase.local");
            assertThat(standIn("gateway", "args")).contains(
                    "--tsbase.gateway.services.contact=" + stack.serviceUrl(Part.CONTACT_SERVICE));
            assertThat(Path.of(keyLocation.substring("file:".length()))).exists();

            assertThat(standIn("gateway", "requests")).containsExactly(
                    "POST /api/calls ADMIN",
                    "POST /api/organizations/91110107MA01B2C34M/contacts APPLICANT",
                    "POST /api/organizations/91110107MA04D5E63X/contacts APPLICANT",
                    "POST /api/organizations/91110107MA07F8G926/contacts APPLICANT",
                    "POST /api/organizations/91110107MA0BJ8K93U/contacts APPLICANT",
                    "POST /api/applications APPLICANT",
                    "POST /api/applications/app-1/submit APPLICANT");
            assertThat(dataDir.resolve("demo-seeded")).exists();
            assertThat(Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile()).path("gateway").asText())
                    .isEqualTo(stack.gatewayUrl());
        }
        assertThat(ProcessHandle.current().descendants()).isEmpty();

        Files.delete(projectRoot.resolve("standin/gateway.requests"));
        try (LocalStack again = LocalStack.start(StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir)
                .freePorts().build())) {
            assertThat(standIn("gateway", "requests")).as("demo data loaded once").isEmpty();
        }
        assertThat(ProcessHandle.current().descendants()).isEmpty();
    }

    @Test
    void aServiceThatDiesWhileStartingIsNamedWithItsLogAndNothingIsLeftRunning(@TempDir Path dataDir)
            throws IOException {
        Path fail = projectRoot.resolve("standin/scoring-service.fail");
        Files.createDirectories(fail.getParent());
        Files.writeString(fail, "");
        try {
            StackStartException e = catchThrowableOfType(StackStartException.class, () -> LocalStack.start(
                    StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir).freePorts().build()));

            assertThat(e.part()).contains(Part.SCORING_SERVICE);
            assertThat(e.getMessage()).contains("scoring-service exited with code 3")
                    .contains(dataDir.resolve("logs/scoring-service.log").toString())
                    .contains("failing on purpose");
            assertThat(ProcessHandle.current().descendants()).isEmpty();
        } finally {
            Files.delete(fail);
        }
    }

    /** Runs {@code ./tsbase up} as its own process, as the script does, and waits until it says it is up. */
    private static Process cli(Path dataDir, Path output) throws IOException {
        Path target = projectRoot.resolve("local-stack/target");
        Process launcher = new ProcessBuilder(PartCommands.currentJava(), "-Dtsbase.projectRoot=" + projectRoot,
                "-cp", target.resolve("lib") + "/*:" + target.resolve("local-stack.jar"),
                Tsbase.class.getName(), "up", "--free-ports", "--no-demo", "--data-dir", dataDir.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        await().atMost(Duration.ofMinutes(3)).until(() -> Files.readString(output)
                .contains("Press Ctrl-C to stop everything.") || !launcher.isAlive());
        assertThat(launcher.isAlive()).as(Files.readString(output)).isTrue();
        return launcher;
    }

    @Test
    void sigtermStopsTheServicesThenTheInfrastructure(@TempDir Path dataDir) throws Exception {
        Path output = dataDir.resolve("launcher.out");
        Process launcher = cli(dataDir, output);
        List<ProcessHandle> children = launcher.descendants().toList();
        assertThat(children).hasSize(8);
        assertThat(Files.readAllLines(output)).anyMatch(line -> line.startsWith("  Gateway "))
                .anyMatch(line -> line.equals("  ADMIN"));

        launcher.destroy();

        assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(children).noneMatch(ProcessHandle::isAlive);
        String all = Files.readString(output);
        assertThat(all.indexOf("Stopping services")).isPositive().isLessThan(all.indexOf("Stopping infrastructure"));
        assertThat(Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile()).path("state").asText())
                .isEqualTo("stopped");
    }

    @Test
    void whenTheLauncherIsKilledEveryChildExitsByItself(@TempDir Path dataDir) throws Exception {
        Process launcher = cli(dataDir, dataDir.resolve("launcher.out"));
        List<ProcessHandle> children = launcher.descendants().toList();
        assertThat(children).hasSize(8);

        launcher.destroyForcibly();

        await().atMost(Duration.ofSeconds(60)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
    }

}
