package org.tsbase.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The whole local stack: a Kafka broker (KRaft), a MongoDB wire-protocol server on disk, a GreenMail mail server and
 * the five services, each its own OS process. {@code ./tsbase up} and the system tests both start it here:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.start(StackConfig.builder().projectRoot(root).dataDir(tmp)
 *         .freePorts().seedDemoData(false).build())) {
 *     String url = stack.gatewayUrl();
 *     String token = stack.token(Role.APPLICANT, "91110107MA01B2C34M");
 * }
 * }</pre>
 *
 * {@link #close()} stops the services, then the infrastructure, each with a grace period and then forcibly. Every
 * child also exits by itself when the JVM that started it dies.
 */
public final class LocalStack implements AutoCloseable {
    static final Duration SERVICE_GRACE = Duration.ofSeconds(20);
    static final Duration INFRASTRUCTURE_GRACE = Duration.ofSeconds(30);
    static final String STACK_FILE = "stack.json";
    static final String TOKENS_FILE = "dev-tokens.json";
    static final String DEMO_MARKER = "demo-seeded";
    private static final long LOG_ROTATE_BYTES = 20L * 1024 * 1024;

    private final StackConfig config;
    private final PartCommands commands;
    private final Map<Part, ManagedProcess> running = Collections.synchronizedMap(new EnumMap<>(Part.class));
    /** Additional instances of services by name ({@code scoring-service-2}), once launched. */
    private final Map<String, ManagedProcess> extras = Collections.synchronizedMap(new LinkedHashMap<>());
    /** The number of the next additional instance of each service; names are never reused within a launcher. */
    private final Map<Part, Integer> nextInstance = new EnumMap<>(Part.class);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JwtKeys keys;
    private final TokenMinter minter;
    private final Thread shutdownHook;
    private FileChannel lockChannel;
    private FileLock lock;
    private Instant startedAt;
    private Duration startupTime;
    private volatile boolean closed;
    private Map<Role, String> lastTokens;
    private volatile StackControl control;
    /** Starts again a part whose process died while it should run (see {@link #superviseOnce()}). */
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "tsbase-supervisor");
        t.setDaemon(true);
        return t;
    });
    /** Per part: restarts in a row that did not last {@link #STABLE_AFTER}, and when the last one happened. */
    private final Map<Part, Integer> restartsInARow = new EnumMap<>(Part.class);
    private final Map<Part, Instant> lastRestart = new EnumMap<>(Part.class);
    /** Parts that died on their own and are not running again yet. */
    private final Set<Part> crashed = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private LocalStack(StackConfig config) {
        this.config = config;
        try {
            Files.createDirectories(config.logDir());
        } catch (IOException e) {
            throw new StackStartException("Cannot create " + config.logDir() + ": " + e.getMessage());
        }
        lock();
        try {
            this.keys = JwtKeys.loadOrCreate(config.dataDir().resolve("keys"));
            this.minter = new TokenMinter(keys);
        } catch (RuntimeException e) {
            unlock();
            throw e;
        }
        this.commands = new PartCommands(config, new LauncherFiles(config.dataDir().resolve("runtime")),
                keys.publicKeyLocation(), ProcessHandle.current().pid(), PartCommands.currentJava());
        this.shutdownHook = new Thread(this::close, "tsbase-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts every part in {@code config}, waits until each is healthy, writes {@code stack.json} and
     * {@code dev-tokens.json}, and loads the demo data once. On failure it stops what it started and throws a
     * {@link StackStartException} naming the part and its log file.
     */
    public static LocalStack start(StackConfig config) {
        LocalStack stack = new LocalStack(config);
        try {
            stack.startAll();
            return stack;
        } catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() {
        startedAt = Instant.now();
        checkArtifacts();
        checkPorts(config.parts());
        checkExternalInfrastructure();
        List<Part> infrastructure = Part.infrastructure().stream().filter(config.parts()::contains).toList();
        List<Part> services = Part.services().stream().filter(config.parts()::contains).toList();
        if (!infrastructure.isEmpty()) {
            say("Starting " + infrastructure.stream().map(Part::id).collect(Collectors.joining(", ")) + " ...");
            launchAndAwait(infrastructure, config.infrastructureTimeout());
        }
        if (!services.isEmpty()) {
            say("Starting " + services.stream().map(Part::id).collect(Collectors.joining(", ")) + " ...");
            launchAndAwait(services, config.serviceTimeout());
        }
        startupTime = Duration.between(startedAt, Instant.now());
        writeDevTokens();
        writeStackFile("running");
        if (config.seedDemoData()) {
            seedDemoDataOnce();
        }
        supervisor.scheduleWithFixedDelay(this::superviseOnce, SUPERVISE_EVERY.toMillis(), SUPERVISE_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    static final Duration SUPERVISE_EVERY = Duration.ofSeconds(2);
    static final Duration STABLE_AFTER = Duration.ofMinutes(2);
    static final Duration MAX_RESTART_DELAY = Duration.ofMinutes(1);

    /**
     * A part that died on its own (a crash, the kernel's OOM killer, {@code kill -9} from outside) is started again,
     * as a process supervisor would: at once the first time, then after 2, 4, ... up to 60 s while it keeps dying
     * within two minutes of its start. Parts stopped or killed through the launcher ({@code ./tsbase stop|kill}) are
     * not in {@link #running} and stay down until {@code ./tsbase start}.
     */
    void superviseOnce() {
        if (closed) {
            return;
        }
        synchronized (running) {
            running.entrySet().removeIf(e -> {
                if (e.getValue().isAlive()) {
                    return false;
                }
                say(e.getKey().id() + " exited on its own (exit code " + e.getValue().exitCode() + ")");
                crashed.add(e.getKey());
                return true;
            });
        }
        for (Part part : List.copyOf(crashed)) {
            if (closed) {
                return;
            }
            if (pid(part).isPresent()) {
                crashed.remove(part); // an operator started it already
                continue;
            }
            Instant now = Instant.now();
            Instant last = lastRestart.get(part);
            int inARow = last != null && Duration.between(last, now).compareTo(STABLE_AFTER) < 0
                    ? restartsInARow.getOrDefault(part, 0) : 0;
            Duration delay = inARow == 0 ? Duration.ZERO
                    : Duration.ofSeconds(Math.min(MAX_RESTART_DELAY.toSeconds(), 1L << Math.min(inARow, 6)));
            if (last != null && now.isBefore(last.plus(delay))) {
                continue;
            }
            restartsInARow.put(part, inARow + 1);
            lastRestart.put(part, now);
            say("Starting " + part.id() + " again" + (inARow > 0 ? " (restart " + (inARow + 1) + " in a row)" : ""));
            try {
                start(part);
                crashed.remove(part);
                say(part.id() + " is running again (pid " + pid(part).map(String::valueOf).orElse("?") + ")");
            } catch (RuntimeException e) {
                if (closed) {
                    return;
                }
                say(part.id() + " did not start again: " + e.getMessage() + "; next try later");
            }
        }
    }

    // ---------------------------------------------------------------- what the tests and the CLI read

    public StackConfig config() {
        return config;
    }

    public String gatewayUrl() {
        return commands.httpUrl(PortName.GATEWAY);
    }

    public String apiDocsUrl() {
        return gatewayUrl() + "/swagger-ui.html";
    }

    /** The base URL of a service (not through the gateway). */
    public String serviceUrl(Part service) {
        if (!service.isService()) {
            throw new IllegalArgumentException(service + " is not a service");
        }
        return commands.httpUrl(service.mainPort());
    }

    public String kafkaBootstrapServers() {
        return commands.kafkaBootstrapServers();
    }

    /** {@code mongodb://127.0.0.1:<port>/}. */
    public String mongoUri() {
        return commands.mongoUri();
    }

    public int port(PortName name) {
        return config.port(name);
    }

    public String smtpHost() {
        return "127.0.0.1";
    }

    public int smtpPort() {
        return config.port(PortName.SMTP);
    }

    public int imapPort() {
        return config.port(PortName.IMAP);
    }

    /** GreenMail's web API (its page lists the endpoints). */
    public String mailApiUrl() {
        return commands.httpUrl(PortName.MAIL_API);
    }

    /** The JSON list of the messages delivered to {@code address}. */
    public String mailReaderUrl(String address) {
        return mailApiUrl() + "/api/user/" + address + "/messages/INBOX";
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Path logFile(Part part) {
        return config.logFile(part);
    }

    public Path publicKeyFile() {
        return keys.publicKeyFile();
    }

    public JwtKeys keys() {
        return keys;
    }

    /** A token signed with the stack's key; {@code org} is required for APPLICANT, ignored for other roles. */
    public String token(Role role, String org) {
        return minter.mint(role, org, config.tokenTtl());
    }

    /** A token for {@code role}; an APPLICANT's is bound to the demo organisation. */
    public String token(Role role) {
        return token(role, TokenMinter.DEMO_ORG);
    }

    /** The pid of a running part. */
    public Optional<Long> pid(Part part) {
        ManagedProcess process = running.get(part);
        return process == null || !process.isAlive() ? Optional.empty() : Optional.of(process.pid());
    }

    /** How long each running part took from launch to healthy. */
    public Map<Part, Duration> readyTimes() {
        Map<Part, Duration> times = new EnumMap<>(Part.class);
        synchronized (running) {
            running.forEach((part, process) -> {
                if (process.readyAfter() != null) {
                    times.put(part, process.readyAfter());
                }
            });
        }
        return times;
    }

    /** From the call to {@link #start} until every part was healthy. */
    public Duration startupTime() {
        return startupTime;
    }

    // ---------------------------------------------------------------- stopping and starting single parts

    /** Stops one part (e.g. the broker, to test an outage), gracefully if it can. */
    public void stop(Part part) {
        ManagedProcess process = running.remove(part);
        if (process != null) {
            List<ProcessHandle> children = process.requestStop();
            process.awaitStop(part.isService() ? SERVICE_GRACE : INFRASTRUCTURE_GRACE, children);
            writeStackFile("running");
        }
    }

    /** Starts a part that {@link #stop(Part)} or {@link #kill(Part)} stopped (or that died), and waits until it is healthy. */
    public void start(Part part) {
        synchronized (running) {
            ManagedProcess current = running.get(part);
            if (current != null && current.isAlive()) {
                throw new IllegalStateException(part.id() + " is already running (pid " + current.pid() + ")");
            }
            running.remove(part);
        }
        checkPorts(Set.of(part));
        launchAndAwait(List.of(part), part.isService() ? config.serviceTimeout() : config.infrastructureTimeout());
        writeStackFile("running");
    }

    public void restart(Part part) {
        stop(part);
        start(part);
    }

    /**
     * Kills one part with SIGKILL, as a crash or the kernel's OOM killer would: no shutdown hook runs and nothing is
     * flushed. Returns once the process is gone; {@link #start(Part)} starts it again.
     */
    public void kill(Part part) {
        ManagedProcess process = running.remove(part);
        if (process == null) {
            throw new IllegalStateException(part.id() + " is not running");
        }
        say("Killing " + part.id() + " (pid " + process.pid() + ", SIGKILL)");
        process.kill();
        writeStackFile("running");
    }

    /**
     * Freezes one part with SIGSTOP: it keeps its ports and connections open but answers nothing, as a machine that
     * hangs or a very long GC pause. {@link #thaw(Part)} continues it; a stop or close continues it first.
     */
    public void freeze(Part part) {
        ManagedProcess process = runningProcess(part.id());
        say("Freezing " + part.id() + " (pid " + process.pid() + ", SIGSTOP)");
        process.freeze();
    }

    /** Continues a part that {@link #freeze(Part)} froze (SIGCONT). */
    public void thaw(Part part) {
        ManagedProcess process = runningProcess(part.id());
        say("Continuing " + part.id() + " (pid " + process.pid() + ", SIGCONT)");
        process.thaw();
    }

    /** Whether a part's process is frozen by {@link #freeze(Part)}. */
    public boolean isFrozen(Part part) {
        ManagedProcess process = running.get(part);
        return process != null && process.frozen();
    }

    /**
     * Starts one more process of a service on a free port, with the same database, broker and consumer group
     * ({@code spring.application.name}) as the first, so that the group's partitions are shared between them; waits
     * until it is healthy. The gateway keeps routing to the first instance. Logs to {@code logs/<name>.log}.
     *
     * @return the new instance's name, {@code scoring-service-2}, {@code scoring-service-3}, ...
     */
    public String addInstance(Part service) {
        if (!service.isService() || service == Part.GATEWAY) {
            throw new IllegalArgumentException("only a service behind the gateway can run twice, not " + service.id());
        }
        String name;
        synchronized (nextInstance) {
            int n = nextInstance.getOrDefault(service, 2);
            nextInstance.put(service, n + 1);
            name = service.id() + "-" + n;
        }
        try {
            int port = freePort();
            Path logFile = config.logDir().resolve(name + ".log");
            try {
                prepareLog(logFile, name);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + logFile, e);
            }
            ManagedProcess process = launch(service, name, port, logFile, commands.service(service, port));
            extras.put(name, process);
            Instant deadline = Instant.now().plus(config.serviceTimeout());
            awaitHealthy(process, deadline, config.serviceTimeout());
            process.markReady(Instant.now());
            say(String.format("  %-21s ready after %4.1f s  (pid %d, port %d, log %s)", name,
                    process.readyAfter().toMillis() / 1000.0, process.pid(), port, display(logFile)));
            writeStackFile("running");
            return name;
        } catch (RuntimeException e) {
            stopInstance(name);
            throw e;
        }
    }

    /** The names of the additional instances running ({@link #addInstance(Part)}). */
    public List<String> instances() {
        synchronized (extras) {
            return List.copyOf(extras.keySet());
        }
    }

    /** The base URL of an additional instance. */
    public String instanceUrl(String name) {
        return "http://127.0.0.1:" + runningProcess(name).port();
    }

    /** The pid of a part's process or of an additional instance, by name ({@code kafka}, {@code scoring-service-2}). */
    public Optional<Long> pid(String name) {
        Optional<Part> part = Part.byId(name);
        ManagedProcess process = part.isPresent() ? running.get(part.get()) : extras.get(name);
        return process == null || !process.isAlive() ? Optional.empty()
                : Optional.of(process.pid());
    }

    /** Stops an additional instance gracefully (SIGTERM, then SIGKILL after the grace period). */
    public void stopInstance(String name) {
        ManagedProcess process = extras.remove(name);
        if (process != null) {
            List<ProcessHandle> children = process.requestStop();
            process.awaitStop(SERVICE_GRACE, children);
            writeStackFile("running");
        }
    }

    /** Kills an additional instance with SIGKILL. */
    public void killInstance(String name) {
        ManagedProcess process = extras.remove(name);
        if (process == null) {
            throw new IllegalStateException("no instance " + name + " is running");
        }
        say("Killing " + name + " (pid " + process.pid() + ", SIGKILL)");
        process.kill();
        writeStackFile("running");
    }

    private ManagedProcess runningProcess(String name) {
        Optional<Part> part = Part.byId(name);
        ManagedProcess process = part.isPresent() ? running.get(part.get()) : extras.get(name);
        if (process == null || !process.isAlive()) {
            throw new IllegalStateException(name + " is not running");
        }
        return process;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port", e);
        }
    }

    /**
     * Takes commands from {@code ./tsbase restart|stop|start|kill|freeze|thaw|add-instance} ({@link StackControl}):
     * listens on a loopback port named in {@code stack.json} under {@code control}, with a key in
     * {@code control.key}. Returns the port.
     */
    public int listenForCommands() {
        if (control == null) {
            control = StackControl.open(this);
            writeStackFile("running");
        }
        return control.port();
    }

    /** Stops the services, then the infrastructure; leaves no process behind. Safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        supervisor.shutdownNow();
        try {
            if (control != null) {
                control.close();
            }
            List<Part> services = new ArrayList<>(Part.services());
            Collections.reverse(services);
            stopAll(services, instances(), SERVICE_GRACE, "services");
            stopAll(Part.infrastructure(), List.of(), INFRASTRUCTURE_GRACE, "infrastructure");
            if (startupTime != null) {
                writeStackFile("stopped");
                say("Stopped. The data stays in " + display(config.dataDir()) + " for the next start.");
            }
        } finally {
            unlock();
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // called from the hook itself: the JVM is already shutting down
            }
        }
    }

    private void stopAll(List<Part> parts, List<String> instances, Duration grace, String what) {
        Map<ManagedProcess, List<ProcessHandle>> stopping = new LinkedHashMap<>();
        for (String instance : instances) {
            ManagedProcess process = extras.remove(instance);
            if (process != null) {
                stopping.put(process, process.requestStop());
            }
        }
        for (Part part : parts) {
            ManagedProcess process = running.remove(part);
            if (process != null) {
                stopping.put(process, process.requestStop());
            }
        }
        if (stopping.isEmpty()) {
            return;
        }
        say("Stopping " + what + " (" + stopping.keySet().stream().map(ManagedProcess::name)
                .collect(Collectors.joining(", ")) + ") ...");
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        stopping.forEach((process, children) -> waits.add(CompletableFuture.runAsync(() -> {
            if (!process.awaitStop(grace, children)) {
                say("  " + process.name() + " did not stop within " + grace.toSeconds() + " s: killed");
            }
        })));
        waits.forEach(CompletableFuture::join);
    }

    // ---------------------------------------------------------------- starting

    private void lock() {
        Path lockFile = config.dataDir().resolve("tsbase.lock");
        String message = "Another stack is already running with its data in " + config.dataDir()
                + " (see " + config.dataDir().resolve(STACK_FILE) + "). Stop it first (Ctrl-C in its terminal),"
                + " or give this one its own folder with --data-dir.";
        try {
            lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            closeQuietly();
            throw new StackStartException(message);
        } catch (IOException e) {
            closeQuietly();
            throw new StackStartException("Cannot lock " + lockFile + ": " + e.getMessage());
        }
        if (lock == null) {
            closeQuietly();
            throw new StackStartException(message);
        }
    }

    private void closeQuietly() {
        try {
            if (lockChannel != null) {
                lockChannel.close();
            }
        } catch (IOException ignored) {
            // nothing to do
        }
    }

    private void unlock() {
        try {
            if (lock != null && lock.isValid()) {
                lock.release();
            }
        } catch (IOException ignored) {
            // released with the channel anyway
        }
        closeQuietly();
    }

    /** Fails when something is not built, else copies the launcher's files to where the processes run from. */
    private void checkArtifacts() {
        List<String> missing = new ArrayList<>();
        LauncherFiles built = new LauncherFiles(config.localStackTarget());
        boolean infrastructure = config.parts().stream().anyMatch(Part::isInfrastructure);
        for (Path file : built.required(infrastructure, config.parts().contains(Part.MAIL))) {
            if (!Files.exists(file)) {
                missing.add(config.projectRoot().relativize(file).toString());
            }
        }
        for (Part part : config.parts()) {
            if (part.isService() && !Files.isRegularFile(commands.serviceJar(part))) {
                missing.add(config.projectRoot().relativize(commands.serviceJar(part)).toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new StackStartException("Not built yet: " + String.join(", ", missing)
                    + ". Build with ./mvnw -DskipTests install (./tsbase up does that itself) in "
                    + config.projectRoot());
        }
        built.syncTo(config.dataDir().resolve("runtime"));
    }

    /** Fails before anything starts when a port is taken, naming the port, the part and how to change it. */
    static void checkPorts(StackConfig config, Set<Part> parts) {
        List<PortInUseException.Conflict> conflicts = new ArrayList<>();
        for (Part part : Part.values()) {
            if (!parts.contains(part)) {
                continue;
            }
            for (PortName name : part.ports()) {
                int port = config.port(name);
                if (!isFree(port)) {
                    conflicts.add(new PortInUseException.Conflict(name, port, part));
                }
            }
        }
        if (!conflicts.isEmpty()) {
            throw new PortInUseException(conflicts);
        }
    }

    private void checkPorts(Set<Part> parts) {
        checkPorts(config, parts);
    }

    /**
     * With {@code --kafka-bootstrap} or {@code --mongo-uri}: says so, and fails at once, naming the option, when none
     * of the servers named accepts a connection, rather than after the services' health timeout.
     */
    private void checkExternalInfrastructure() {
        config.externalKafka().ifPresent(servers -> {
            say("Using the Kafka cluster at " + servers + " (the embedded broker is not started)");
            List<String> hosts = List.of(servers.split(","));
            if (firstReachable(hosts, EXTERNAL_CONNECT_TIMEOUT).isEmpty()) {
                throw new StackStartException("None of the Kafka bootstrap servers " + servers
                        + " (--kafka-bootstrap or TSBASE_KAFKA_BOOTSTRAP) accepts connections from here");
            }
        });
        config.externalMongoUri().ifPresent(uri -> {
            String shown = StackConfig.redactedMongoUri(uri);
            say("Using the MongoDB at " + shown + " (the embedded server is not started; no demo data)");
            List<String> hosts = StackConfig.mongoHosts(uri);
            if (!hosts.isEmpty() && firstReachable(hosts, EXTERNAL_CONNECT_TIMEOUT).isEmpty()) {
                throw new StackStartException("None of the MongoDB servers " + String.join(", ", hosts)
                        + " of " + shown + " (--mongo-uri or TSBASE_MONGO_URI) accepts connections from here");
            }
        });
    }

    static final Duration EXTERNAL_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** The first of {@code hostPorts} ({@code host:port}, {@code [v6]:port}) that accepts a TCP connection. */
    static Optional<String> firstReachable(List<String> hostPorts, Duration timeout) {
        for (String hostPort : hostPorts) {
            String trimmed = hostPort.trim();
            int colon = trimmed.lastIndexOf(':');
            String host = trimmed.substring(0, colon).replace("[", "").replace("]", "");
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(host, Integer.parseInt(trimmed.substring(colon + 1))),
                        (int) timeout.toMillis());
                return Optional.of(trimmed);
            } catch (IOException | RuntimeException e) {
                // the next one
            }
        }
        return Optional.empty();
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Launches the parts side by side and waits until each is healthy; the first failure wins. */
    private void launchAndAwait(List<Part> parts, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (Part part : parts) {
            CompletableFuture<Void> start = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try {
                    launch(part);
                    ManagedProcess process = running.get(part);
                    awaitHealthy(process, deadline, timeout);
                    process.markReady(Instant.now());
                    say(String.format("  %-21s ready after %4.1f s  (pid %d, log %s)", part.id(),
                            process.readyAfter().toMillis() / 1000.0, process.pid(), display(process.logFile())));
                    start.complete(null);
                } catch (Throwable e) {
                    start.completeExceptionally(e);
                }
            }, "tsbase-start-" + part.id());
            thread.setDaemon(true);
            thread.start();
            starts.add(start);
        }
        try {
            CompletableFuture.anyOf(
                    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)),
                    failureOf(starts)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new StackStartException(String.valueOf(e.getCause()), null, null, e.getCause());
        }
    }

    /** Completes exceptionally as soon as one of {@code starts} fails; never completes normally. */
    private static CompletableFuture<Void> failureOf(List<CompletableFuture<Void>> starts) {
        CompletableFuture<Void> failure = new CompletableFuture<>();
        for (CompletableFuture<Void> start : starts) {
            start.whenComplete((ok, error) -> {
                if (error != null) {
                    failure.completeExceptionally(error);
                }
            });
        }
        return failure;
    }

    private void launch(Part part) {
        Path logFile = config.logFile(part);
        try {
            prepareLog(logFile, part.id());
            if (part == Part.KAFKA) {
                prepareKafka(logFile);
            }
        } catch (IOException e) {
            throw new StackStartException("Could not start " + part.id() + ": " + e.getMessage()
                    + " (log: " + display(logFile) + ")", part, logFile, e);
        }
        running.put(part, launch(part, part.id(), -1, logFile, commands.command(part)));
    }

    /** Starts {@code partCommand} in its own session, appending to {@code logFile} (prepared by the caller). */
    private ManagedProcess launch(Part part, String name, int port, Path logFile, List<String> partCommand) {
        if (closed) {
            throw new StackStartException("Stopped while starting");
        }
        try {
            List<String> command = new ArrayList<>();
            PartCommands.setsid().ifPresent(command::add);
            command.addAll(partCommand);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(config.projectRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            return new ManagedProcess(part, name, port, builder.start(), logFile, Instant.now());
        } catch (IOException e) {
            throw new StackStartException("Could not start " + name + ": " + e.getMessage()
                    + " (log: " + display(logFile) + ")", part, logFile, e);
        }
    }

    private void prepareLog(Path logFile, String name) throws IOException {
        if (Files.exists(logFile) && Files.size(logFile) > LOG_ROTATE_BYTES) {
            Files.move(logFile, logFile.resolveSibling(logFile.getFileName() + ".1"),
                    StandardCopyOption.REPLACE_EXISTING);
        }
        Files.writeString(logFile, System.lineSeparator() + "===== tsbase: starting " + name + " at "
                        + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME) + System.lineSeparator(),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** Writes server.properties on every start (ports may change) and formats the storage on the first. */
    private void prepareKafka(Path logFile) throws IOException {
        Files.createDirectories(commands.kafkaLogDir());
        Files.writeString(commands.kafkaProperties(), KafkaConfig.serverProperties(config.ports(), commands.kafkaLogDir()));
        if (Files.exists(commands.kafkaLogDir().resolve("meta.properties"))) {
            return;
        }
        Process format = new ProcessBuilder(commands.kafkaFormat(KafkaConfig.randomClusterId()))
                .directory(config.projectRoot().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        try {
            if (!format.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                format.destroyForcibly();
                throw new StackStartException("Formatting Kafka's storage took more than 60 s; see "
                        + display(logFile), Part.KAFKA, logFile, null);
            }
        } catch (InterruptedException e) {
            format.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StackStartException("Interrupted while formatting Kafka's storage", Part.KAFKA, logFile, e);
        }
        if (format.exitValue() != 0) {
            throw new StackStartException("Formatting Kafka's storage in " + commands.kafkaLogDir() + " failed (exit "
                    + format.exitValue() + "); see " + display(logFile) + ":" + System.lineSeparator()
                    + ManagedProcess.tail(logFile, 15), Part.KAFKA, logFile, null);
        }
    }

    private static long logSize(Path log) {
        try {
            return Files.size(log);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Waits until the process answers its health check. The timeout counts from its start or from its log's last
     * growth, whichever is later (at most ten timeouts in all): a database opening a large store logs as it goes
     * (a 6 GiB file was compacted in 40 s and its collections opened after that) and must not be stopped for it,
     * while one that hangs silently still fails after the timeout.
     */
    private void awaitHealthy(ManagedProcess process, Instant deadline, Duration timeout) {
        Part part = process.part();
        String name = process.name();
        Instant latest = deadline.plus(timeout.multipliedBy(9));
        long logSize = logSize(process.logFile());
        while (true) {
            long size = logSize(process.logFile());
            if (size != logSize) {
                logSize = size;
                Instant extended = Instant.now().plus(timeout);
                if (extended.isAfter(deadline)) {
                    deadline = extended.isAfter(latest) ? latest : extended;
                }
            }
            if (!process.isAlive()) {
                throw new StackStartException(name + " exited with code " + process.process().exitValue()
                        + " while starting; see " + display(process.logFile()) + ":" + System.lineSeparator()
                        + process.logTail(20), part, process.logFile(), null);
            }
            if (isHealthy(process)) {
                return;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackStartException(name + " was not healthy within " + timeout.toSeconds()
                        + " s of its last log line (" + healthDescription(process) + "); see "
                        + display(process.logFile()) + ":"
                        + System.lineSeparator() + process.logTail(20), part, process.logFile(), null);
            }
            try {
                Thread.sleep(part.isService() ? 500 : 200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackStartException("Interrupted while waiting for " + name, part,
                        process.logFile(), e);
            }
        }
    }

    /** The service's base URL: its configured port, or an additional instance's own. */
    private String baseUrl(ManagedProcess process) {
        return process.port() >= 0 ? "http://127.0.0.1:" + process.port() : commands.httpUrl(process.part().mainPort());
    }

    private String healthDescription(ManagedProcess process) {
        Part part = process.part();
        if (part.isService()) {
            return "GET " + baseUrl(process) + "/actuator/health did not answer UP";
        }
        return "nothing accepted connections on " + part.ports().stream()
                .map(p -> "127.0.0.1:" + config.port(p)).collect(Collectors.joining(", "));
    }

    private boolean isHealthy(ManagedProcess process) {
        Part part = process.part();
        if (part.isInfrastructure()) {
            return part.ports().stream().allMatch(p -> acceptsConnections(config.port(p)));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl(process) + "/actuator/health"))
                .timeout(Duration.ofSeconds(3)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && Json.isStatusUp(response.body());
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    // ---------------------------------------------------------------- files for people and scripts

    /** The four tokens of {@code dev-tokens.json}, the applicant's bound to the demo organisation. */
    public Map<Role, String> devTokens() {
        return minter.mintAll(TokenMinter.DEMO_ORG, config.tokenTtl());
    }

    /** The tokens written to {@code dev-tokens.json} at start (the ones printed by {@code ./tsbase up}). */
    public Map<Role, String> printedTokens() {
        return lastTokens;
    }

    private void writeDevTokens() {
        lastTokens = devTokens();
        writeJson(config.dataDir().resolve(TOKENS_FILE), StackFiles.devTokens(lastTokens));
    }

    private synchronized void writeStackFile(String state) {
        List<ManagedProcess> processes = new ArrayList<>(runningProcesses().values());
        synchronized (extras) {
            processes.addAll(extras.values());
        }
        writeJson(config.dataDir().resolve(STACK_FILE), StackFiles.stack(config, commands, keys.publicKeyFile(),
                processes, control == null ? null : control.describe(), state, startedAt));
    }

    private static void writeJson(Path file, Object content) {
        try {
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), content);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
    }

    Map<Part, ManagedProcess> runningProcesses() {
        Map<Part, ManagedProcess> copy = new EnumMap<>(Part.class);
        synchronized (running) {
            copy.putAll(running);
        }
        return copy;
    }

    PartCommands commands() {
        return commands;
    }

    // ---------------------------------------------------------------- demo data

    private void seedDemoDataOnce() {
        Path marker = config.dataDir().resolve(DEMO_MARKER);
        if (Files.exists(marker)) {
            return;
        }
        say("Loading the demo data through the gateway ...");
        DemoData.Result result = new DemoData(URI.create(gatewayUrl()), this::token, config.out()).loadAll();
        try {
            Files.writeString(marker, "loaded at " + ZonedDateTime.now() + ": " + result.summary()
                    + System.lineSeparator() + "Delete this file to load the demo data again at the next start."
                    + System.lineSeparator());
        } catch (IOException e) {
            say("WARNING: could not write " + marker + ": " + e.getMessage());
        }
        say("  " + result.summary());
    }

    private void say(String line) {
        PrintStream out = config.out();
        if (out != null) {
            out.println(line);
            out.flush();
        }
    }

    /** A path relative to the working directory where that is shorter: {@code ./data/logs/kafka.log}. */
    String display(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        if (path.startsWith(cwd)) {
            return "./" + cwd.relativize(path);
        }
        return path.toString();
    }
}
