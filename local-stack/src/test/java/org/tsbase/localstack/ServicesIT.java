package org.tsbase.localstack;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.nio.file.attribute.PosixFilePermission;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
                    "--tsbase.demo.enabled=true",
                    // the dossier fetches score sheets and the ranking from scoring-service directly
                    "--tsbase.services.scoring-url=" + stack.serviceUrl(Part.SCORING_SERVICE));
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

    /**
     * A part still logging is still starting (a database opening a large store): the timeout counts from its last
     * log line, so one that logs for longer than the timeout is waited for, and one that is silent as long fails.
     */
    @Test
    void aServiceStillLoggingIsWaitedForPastTheTimeoutAndASilentOneIsNot(@TempDir Path dataDir) throws IOException {
        Path delay = projectRoot.resolve("standin/scoring-service.delay");
        Files.createDirectories(delay.getParent());
        Duration timeout = Duration.ofSeconds(4);
        try {
            Files.writeString(delay, "9000 0");
            try (LocalStack stack = LocalStack.start(StackConfig.builder().projectRoot(projectRoot)
                    .dataDir(dataDir.resolve("logging")).freePorts().seedDemoData(false).serviceTimeout(timeout)
                    .build())) {
                assertThat(stack.readyTimes().get(Part.SCORING_SERVICE)).isGreaterThan(Duration.ofSeconds(9));
            }
            assertThat(ProcessHandle.current().descendants()).isEmpty();

            Files.writeString(delay, "0 9000");
            StackStartException e = catchThrowableOfType(StackStartException.class, () -> LocalStack.start(
                    StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir.resolve("silent")).freePorts()
                            .seedDemoData(false).serviceTimeout(timeout).build()));
            assertThat(e.part()).contains(Part.SCORING_SERVICE);
            assertThat(e.getMessage()).contains("scoring-service was not healthy within 4 s of its last log line");
            assertThat(ProcessHandle.current().descendants()).isEmpty();
        } finally {
            Files.delete(delay);
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

    /**
     * What an operator does to one part of a running stack, through {@code ./tsbase kill|start|freeze|thaw|
     * add-instance|stop|restart} (a second JVM talking to the launcher's control port), and what the fault suite
     * does through {@link LocalStack}.
     */
    @Test
    void onePartOfARunningStackIsKilledStartedFrozenThawedAndRunTwiceFromTheCommandLine(@TempDir Path dataDir)
            throws Exception {
        Process launcher = cli(dataDir, dataDir.resolve("launcher.out"));
        try {
            JsonNode stackJson = Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile());
            long scoringPid = stackJson.at("/processes/scoring-service/pid").asLong();
            assertThat(stackJson.at("/control/port").asInt()).isPositive();
            assertThat(Files.getPosixFilePermissions(dataDir.resolve("control.key")))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

            assertThat(tsbase(dataDir, "kill", "scoring-service")).startsWith("scoring-service killed (SIGKILL)");
            assertThat(ProcessHandle.of(scoringPid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
            assertThat(Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile()).at("/processes/scoring-service")
                    .isMissingNode()).isTrue();

            assertThat(tsbase(dataDir, "start", "scoring-service")).startsWith("scoring-service started (pid ");
            long restarted = Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile())
                    .at("/processes/scoring-service/pid").asLong();
            assertThat(restarted).isNotEqualTo(scoringPid);
            assertThat(ProcessHandle.of(restarted).map(ProcessHandle::isAlive)).contains(true);
            assertThat(health(Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile())
                    .at("/services/scoring-service/url").asText())).isEqualTo(200);

            String gateway = stackJson.path("gateway").asText();
            assertThat(tsbase(dataDir, "freeze", "gateway")).startsWith("gateway frozen (SIGSTOP)");
            long gatewayPid = stackJson.at("/processes/gateway/pid").asLong();
            assertThat(processState(gatewayPid)).isEqualTo("T");
            assertThat(health(gateway)).as("a frozen process accepts but never answers").isEqualTo(-1);
            assertThat(tsbase(dataDir, "thaw", "gateway")).startsWith("gateway continued (SIGCONT)");
            assertThat(health(gateway)).isEqualTo(200);

            assertThat(tsbase(dataDir, "add-instance", "notification-service"))
                    .startsWith("notification-service-2 started at http://127.0.0.1:");
            JsonNode second = Json.MAPPER.readTree(dataDir.resolve("stack.json").toFile())
                    .at("/processes/notification-service-2");
            assertThat(second.path("instanceOf").asText()).isEqualTo("notification-service");
            int secondPort = second.at("/ports/notification").asInt();
            assertThat(secondPort).isNotEqualTo(stackJson.at("/processes/notification-service/ports/notification").asInt());
            assertThat(health("http://127.0.0.1:" + secondPort)).isEqualTo(200);
            List<String> args = standIn("notification-service", "args");
            assertThat(args).as("the second instance's arguments: the same but for the port")
                    .contains("--server.port=" + secondPort, "--spring.mail.port=" + stackJson.at("/smtp").asText()
                            .substring("127.0.0.1:".length()));
            assertThat(dataDir.resolve("logs/notification-service-2.log")).exists();
            assertThat(tsbase(dataDir, "kill", "notification-service-2")).startsWith("notification-service-2 killed");
            assertThat(ProcessHandle.of(second.path("pid").asLong()).map(ProcessHandle::isAlive))
                    .isNotEqualTo(Optional.of(true));

            assertThat(tsbase(dataDir, "restart", "mongo")).startsWith("mongo restarted (pid ");
            assertThat(tsbaseFails(dataDir, "start", "mongo")).contains("mongo is already running");
            assertThat(launcher.isAlive()).isTrue();
        } finally {
            launcher.destroy();
            assertThat(launcher.waitFor(90, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(dataDir.resolve("control.key")).doesNotExist();
    }

    @Test
    void aCommandWithoutTheKeyIsRefusedAndWithoutAStackSaysSo(@TempDir Path dataDir) throws Exception {
        assertThatThrownBy(() -> StackControl.send(dataDir, "restart", "kafka", Duration.ofSeconds(5)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("No stack runs with its data in");

        try (LocalStack stack = LocalStack.start(StackConfig.builder().projectRoot(projectRoot).dataDir(dataDir)
                .freePorts().parts(java.util.EnumSet.of(Part.MAIL)).build())) {
            int port = stack.listenForCommands();
            try (java.net.Socket socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                socket.getOutputStream().write("0000 kill mail\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
                String answer = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        java.nio.charset.StandardCharsets.UTF_8)).readLine();
                assertThat(answer).startsWith("ERROR wrong or missing key");
            }
            assertThat(stack.pid(Part.MAIL)).isPresent();
            assertThat(StackControl.send(dataDir, "kill", "mail", Duration.ofSeconds(30))).startsWith("OK mail killed");
            assertThat(stack.pid(Part.MAIL)).isEmpty();
            assertThat(StackControl.send(dataDir, "thaw", "mail", Duration.ofSeconds(30)))
                    .isEqualTo("ERROR mail is not running");
            assertThat(StackControl.send(dataDir, "start", "mail", Duration.ofSeconds(90))).startsWith("OK mail started");
        }
    }

    /** Runs {@code ./tsbase <command> <target> --data-dir DIR} as its own JVM; its output, which must succeed. */
    private static String tsbase(Path dataDir, String command, String target) throws Exception {
        Process p = tsbaseProcess(dataDir, command, target);
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(6, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static String tsbaseFails(Path dataDir, String command, String target) throws Exception {
        Process p = tsbaseProcess(dataDir, command, target);
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(6, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(out).isEqualTo(1);
        return out;
    }

    private static Process tsbaseProcess(Path dataDir, String command, String target) throws IOException {
        Path target0 = projectRoot.resolve("local-stack/target");
        return new ProcessBuilder(PartCommands.currentJava(), "-Dtsbase.projectRoot=" + projectRoot,
                "-cp", target0.resolve("lib") + "/*:" + target0.resolve("local-stack.jar"),
                Tsbase.class.getName(), command, target, "--data-dir", dataDir.toString())
                .redirectErrorStream(true).start();
    }

    /** The status of {@code GET <base>/actuator/health}, or -1 without an answer within 3 s. */
    private static int health(String base) {
        try {
            return java.net.http.HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/actuator/health"))
                            .timeout(Duration.ofSeconds(3)).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The state letter of {@code /proc/<pid>/stat}: R, S, T (stopped), ... */
    private static String processState(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    }
}
