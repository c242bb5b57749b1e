package org.tsbase.localstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The command line of every part: which JVM options and which properties each process gets. Pure, so that tests can
 * read what a service is started with.
 */
final class PartCommands {
    static final String MAIL_FROM = "noreply@tsbase.local";

    private final StackConfig config;
    private final LauncherFiles launcher;
    private final String publicKeyLocation;
    private final long parentPid;
    private final String javaCommand;

    /** Runs the infrastructure and the agent from {@code launcher} (see {@link LauncherFiles}). */
    PartCommands(StackConfig config, LauncherFiles launcher, String publicKeyLocation, long parentPid, String java) {
        this.config = config;
        this.launcher = launcher;
        this.publicKeyLocation = publicKeyLocation;
        this.parentPid = parentPid;
        this.javaCommand = java;
    }

    /** The JVM running this code ({@code java.home}), else the command that started this process. */
    static String currentJava() {
        Path home = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(home)) {
            return home.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    /**
     * {@code setsid} puts a child in its own session: a Ctrl-C in the terminal then reaches only the launcher, which
     * stops the services before the infrastructure they need. It execs in place, so the pid stays the child's.
     */
    static Optional<String> setsid() {
        for (String candidate : List.of("/usr/bin/setsid", "/bin/setsid")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    Path localStackJar() {
        return launcher.jar();
    }

    Path libDir() {
        return launcher.lib();
    }

    Path greenMailJar() {
        return launcher.greenMailJar();
    }

    Path serviceJar(Part part) {
        return config.projectRoot().resolve(part.id()).resolve("target").resolve(part.id() + "-exec.jar");
    }

    Path kafkaProperties() {
        return config.dataDir().resolve("kafka").resolve("server.properties");
    }

    Path kafkaLogDir() {
        return config.dataDir().resolve("kafka").resolve("logs");
    }

    Path mongoFile() {
        return config.dataDir().resolve("mongo").resolve("tsbase.mv");
    }

    private String infrastructureClasspath() {
        return libDir().resolve("*") + File.pathSeparator + localStackJar();
    }

    private List<String> jvm(String maxHeap, boolean ignoreSigint) {
        List<String> command = new ArrayList<>();
        command.add(javaCommand);
        command.add("-Xmx" + maxHeap);
        command.add("-Dfile.encoding=UTF-8");
        command.add("-Dsun.stdout.encoding=UTF-8");
        command.add("-Dsun.stderr.encoding=UTF-8");
        command.add("-Djava.awt.headless=true");
        command.add("-javaagent:" + localStackJar() + "=parentPid=" + parentPid + (ignoreSigint ? ",ignoreSigint" : ""));
        return command;
    }

    private static List<String> slf4jSimple() {
        return List.of(
                "-Dorg.slf4j.simpleLogger.logFile=System.out",
                "-Dorg.slf4j.simpleLogger.showDateTime=true",
                "-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSS",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info",
                "-Dorg.slf4j.simpleLogger.log.org.apache.kafka.clients=warn");
    }

    /** Formats Kafka's storage; run once, before the first start. */
    List<String> kafkaFormat(String clusterId) {
        List<String> command = jvm("256m", true);
        command.addAll(slf4jSimple());
        command.addAll(List.of("-cp", infrastructureClasspath(), "kafka.tools.StorageTool", "format",
                "-t", clusterId, "-c", kafkaProperties().toString()));
        return command;
    }

    List<String> command(Part part) {
        return switch (part) {
            case KAFKA -> kafka();
            case MONGO -> mongo();
            case MAIL -> mail();
            default -> service(part);
        };
    }

    private List<String> kafka() {
        List<String> command = jvm("512m", true);
        command.addAll(slf4jSimple());
        command.add("-Dlog4j2.level=warn");
        command.addAll(List.of("-cp", infrastructureClasspath(), "kafka.Kafka", kafkaProperties().toString()));
        return command;
    }

    /**
     * Heap: the MVStore page cache ({@code --cache-mb}), the documents of the queries in flight (bounded by
     * {@code --max-result-documents}) and the wire server's buffers; measured under the benchmark's load (README).
     */
    private List<String> mongo() {
        List<String> command = jvm("768m", true);
        command.addAll(slf4jSimple());
        command.addAll(List.of("-cp", infrastructureClasspath(), MongoServerMain.class.getName(),
                "--host", "127.0.0.1", "--port", String.valueOf(config.port(PortName.MONGO)),
                "--file", mongoFile().toString(), "--cache-mb", "96"));
        return command;
    }

    private List<String> mail() {
        List<String> command = jvm("128m", true);
        command.addAll(List.of(
                "-Dgreenmail.smtp.hostname=127.0.0.1",
                "-Dgreenmail.smtp.port=" + config.port(PortName.SMTP),
                "-Dgreenmail.imap.hostname=127.0.0.1",
                "-Dgreenmail.imap.port=" + config.port(PortName.IMAP),
                "-Dgreenmail.api.hostname=127.0.0.1",
                "-Dgreenmail.api.port=" + config.port(PortName.MAIL_API),
                // any recipient gets a mailbox, readable over IMAP with the address as login and any password
                "-Dgreenmail.auth.disabled",
                "-Dgreenmail.users.login=email",
                "-cp", greenMailJar().toString(),
                "com.icegreen.greenmail.standalone.GreenMailStandaloneRunner"));
        return command;
    }

    /** {@code java -Xmx256m -XX:+UseSerialGC -jar <module>-exec.jar --name=value ...}. */
    List<String> service(Part part) {
        return service(part, config.port(part.mainPort()));
    }

    /** As {@link #service(Part)}, listening on {@code port}: another instance of the same service. */
    List<String> service(Part part, int port) {
        List<String> command = jvm("256m", false);
        command.add("-XX:+UseSerialGC");
        command.addAll(config.serviceJvmArgs());
        command.add("-jar");
        command.add(serviceJar(part).toString());
        command.addAll(serviceArguments(part, port));
        return command;
    }

    /** The Spring properties a service is started with (docs/conventions.md), as {@code --name=value}. */
    List<String> serviceArguments(Part part) {
        return serviceArguments(part, config.port(part.mainPort()));
    }

    /**
     * As {@link #serviceArguments(Part)} but on {@code port}; everything else is the same, so a second instance
     * shares the database and the consumer group ({@code spring.application.name}) with the first.
     */
    List<String> serviceArguments(Part part, int port) {
        List<String> args = new ArrayList<>();
        args.add("--server.port=" + port);
        args.add("--spring.kafka.bootstrap-servers=" + kafkaBootstrapServers());
        part.database().ifPresent(db -> args.add("--spring.mongodb.uri=" + mongoUri(db)));
        args.add("--spring.security.oauth2.resourceserver.jwt.public-key-location=" + publicKeyLocation);
        if (part == Part.APPLICATION_SERVICE) {
            // the demo call open now and demo applications in several states (idempotent)
            args.add("--tsbase.demo.enabled=" + config.seedDemoData());
            // the call's dossier fetches score sheets and the ranking from scoring-service directly (not the gateway)
            args.add("--tsbase.services.scoring-url=" + httpUrl(PortName.SCORING));
        }
        if (part == Part.NOTIFICATION_SERVICE) {
            args.add("--spring.mail.host=127.0.0.1");
            args.add("--spring.mail.port=" + config.port(PortName.SMTP));
            args.add("--tsbase.mail.from=" + MAIL_FROM);
        }
        if (part == Part.GATEWAY) {
            for (Part service : Part.services()) {
                if (service != Part.GATEWAY) {
                    args.add("--tsbase.gateway.services." + service.shortName() + "=" + httpUrl(service.mainPort()));
                }
            }
        }
        return args;
    }

    /** The embedded broker's address, or the external cluster's ({@code --kafka-bootstrap}). */
    String kafkaBootstrapServers() {
        return config.externalKafka().orElseGet(() -> "127.0.0.1:" + config.port(PortName.KAFKA));
    }

    /**
     * {@code mongodb://127.0.0.1:27018/} for the embedded server (append a database name), or the external
     * connection string ({@code --mongo-uri}) as given but with its password hidden: for output and files.
     */
    String mongoUri() {
        return config.externalMongoUri().map(StackConfig::redactedMongoUri)
                .orElseGet(() -> "mongodb://127.0.0.1:" + config.port(PortName.MONGO) + "/");
    }

    /** The connection string a service with its own {@code database} gets (options and credentials kept). */
    String mongoUri(String database) {
        return StackConfig.mongoUriForDatabase(config.externalMongoUri()
                .orElseGet(() -> "mongodb://127.0.0.1:" + config.port(PortName.MONGO) + "/"), database);
    }

    String httpUrl(PortName port) {
        return "http://127.0.0.1:" + config.port(port);
    }
}
