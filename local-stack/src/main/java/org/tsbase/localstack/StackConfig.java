package org.tsbase.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What {@link LocalStack#start(StackConfig)} starts and where. Built by the CLI from options and environment, and by
 * tests through {@link #builder()}.
 */
public final class StackConfig {
    private final Path projectRoot;
    private final Path dataDir;
    private final Ports ports;
    private final Set<Part> parts;
    private final boolean seedDemoData;
    private final Duration infrastructureTimeout;
    private final Duration serviceTimeout;
    private final Duration tokenTtl;
    private final List<String> serviceJvmArgs;
    private final PrintStream out;
    private final String externalMongoUri;
    private final String externalKafka;

    private StackConfig(Builder b) {
        this.projectRoot = b.projectRoot.toAbsolutePath().normalize();
        this.dataDir = (b.dataDir != null ? b.dataDir : this.projectRoot.resolve("data")).toAbsolutePath().normalize();
        this.ports = (b.freePorts ? Ports.free() : b.ports).validated();
        this.externalMongoUri = b.externalMongoUri;
        this.externalKafka = b.externalKafka;
        Set<Part> chosen = EnumSet.copyOf(b.parts);
        // what runs elsewhere is not started here
        if (externalMongoUri != null) {
            chosen.remove(Part.MONGO);
        }
        if (externalKafka != null) {
            chosen.remove(Part.KAFKA);
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("Nothing to start: MongoDB and Kafka are external and nothing else was asked for");
        }
        this.parts = chosen;
        // the demo data is for an embedded database: a marker in the local data folder cannot know what an
        // existing database holds, and demo applications have no place in a real one
        this.seedDemoData = b.seedDemoData && externalMongoUri == null;
        this.infrastructureTimeout = b.infrastructureTimeout;
        this.serviceTimeout = b.serviceTimeout;
        this.tokenTtl = b.tokenTtl;
        this.serviceJvmArgs = List.copyOf(b.serviceJvmArgs);
        this.out = b.out;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The folder with the modules: services run from {@code <module>/target/<module>-exec.jar}. */
    public Path projectRoot() {
        return projectRoot;
    }

    /** Everything the stack writes: {@code kafka/}, {@code mongo/}, {@code keys/}, {@code logs/}, the JSON files. */
    public Path dataDir() {
        return dataDir;
    }

    /** {@code local-stack/target}: the launcher's jar, its {@code lib/} and {@code greenmail/}. */
    public Path localStackTarget() {
        return projectRoot.resolve("local-stack").resolve("target");
    }

    public Ports ports() {
        return ports;
    }

    public int port(PortName name) {
        return ports.get(name);
    }

    public Set<Part> parts() {
        return parts;
    }

    public boolean seedDemoData() {
        return seedDemoData && parts.contains(Part.GATEWAY);
    }

    /** The existing MongoDB the services use instead of the embedded one ({@code --mongo-uri}), if any. */
    public Optional<String> externalMongoUri() {
        return Optional.ofNullable(externalMongoUri);
    }

    /** The existing Kafka cluster the services use instead of the embedded broker ({@code --kafka-bootstrap}). */
    public Optional<String> externalKafka() {
        return Optional.ofNullable(externalKafka);
    }

    public Duration infrastructureTimeout() {
        return infrastructureTimeout;
    }

    public Duration serviceTimeout() {
        return serviceTimeout;
    }

    public Duration tokenTtl() {
        return tokenTtl;
    }

    public List<String> serviceJvmArgs() {
        return serviceJvmArgs;
    }

    /** Where progress goes; {@code null} for silence. */
    public PrintStream out() {
        return out;
    }

    public Path logDir() {
        return dataDir.resolve("logs");
    }

    public Path logFile(Part part) {
        return logDir().resolve(part.id() + ".log");
    }

    public static final class Builder {
        private Path projectRoot = Path.of("").toAbsolutePath();
        private Path dataDir;
        private Ports ports = Ports.defaults();
        private boolean freePorts;
        private Set<Part> parts = EnumSet.allOf(Part.class);
        private boolean seedDemoData = true;
        private Duration infrastructureTimeout = Duration.ofSeconds(90);
        private Duration serviceTimeout = Duration.ofSeconds(240);
        private Duration tokenTtl = TokenMinter.DEFAULT_TTL;
        private final List<String> serviceJvmArgs = new ArrayList<>();
        private PrintStream out;
        private String externalMongoUri;
        private String externalKafka;

        private Builder() {
        }

        /**
         * Use the MongoDB (replica set) at {@code uri} instead of starting the embedded server; each service gets its
         * own database on it ({@link #mongoUriForDatabase}). {@code null} or blank: the embedded one.
         */
        public Builder externalMongo(String uri) {
            this.externalMongoUri = uri == null || uri.isBlank() ? null : checkedMongoUri(uri.trim());
            return this;
        }

        /** Use the Kafka cluster at {@code bootstrapServers} ({@code host:port,...}) instead of the embedded broker. */
        public Builder externalKafka(String bootstrapServers) {
            this.externalKafka = bootstrapServers == null || bootstrapServers.isBlank() ? null
                    : checkedBootstrapServers(bootstrapServers.trim());
            return this;
        }

        public Builder projectRoot(Path projectRoot) {
            this.projectRoot = Objects.requireNonNull(projectRoot);
            return this;
        }

        /** Default {@code <projectRoot>/data}. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        public Builder ports(Ports ports) {
            this.ports = Objects.requireNonNull(ports);
            this.freePorts = false;
            return this;
        }

        public Builder port(PortName name, int port) {
            this.ports = ports.with(name, port);
            return this;
        }

        /** Let the operating system choose every port (tests). */
        public Builder freePorts() {
            this.freePorts = true;
            return this;
        }

        /** Start only these parts (e.g. {@link Part#infrastructure()}). */
        public Builder parts(Set<Part> parts) {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("Nothing to start");
            }
            this.parts = EnumSet.copyOf(parts);
            return this;
        }

        /** Kafka, MongoDB wire server and mail server, no services. */
        public Builder infrastructureOnly() {
            return parts(EnumSet.copyOf(Part.infrastructure())).seedDemoData(false);
        }

        public Builder seedDemoData(boolean seedDemoData) {
            this.seedDemoData = seedDemoData;
            return this;
        }

        public Builder infrastructureTimeout(Duration timeout) {
            this.infrastructureTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder serviceTimeout(Duration timeout) {
            this.serviceTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder tokenTtl(Duration ttl) {
            this.tokenTtl = Objects.requireNonNull(ttl);
            return this;
        }

        /** Extra JVM options for every service (after the defaults, so they win). */
        public Builder serviceJvmArgs(List<String> args) {
            this.serviceJvmArgs.addAll(args);
            return this;
        }

        public Builder out(PrintStream out) {
            this.out = out;
            return this;
        }

        public StackConfig build() {
            return new StackConfig(this);
        }
    }

    // ---------------------------------------------------------------- connection strings of external infrastructure

    /** A {@code mongodb://} or {@code mongodb+srv://} connection string, else an IllegalArgumentException. */
    static String checkedMongoUri(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        int hosts = lower.startsWith("mongodb://") ? "mongodb://".length()
                : lower.startsWith("mongodb+srv://") ? "mongodb+srv://".length() : -1;
        if (hosts < 0 || uri.length() == hosts || uri.charAt(hosts) == '/' || uri.charAt(hosts) == '?'
                || uri.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("Not a MongoDB connection string: '" + redactedMongoUri(uri)
                    + "' (expected mongodb://host1:27017,host2:27017/?replicaSet=rs0 or mongodb+srv://...)");
        }
        return uri;
    }

    /** {@code host:port[,host:port...]}, else an IllegalArgumentException. */
    static String checkedBootstrapServers(String servers) {
        for (String server : servers.split(",", -1)) {
            String s = server.trim();
            int colon = s.lastIndexOf(':');
            boolean ok = colon > 0 && colon < s.length() - 1;
            if (ok) {
                try {
                    int port = Integer.parseInt(s.substring(colon + 1));
                    ok = port > 0 && port <= 65535;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) {
                throw new IllegalArgumentException("Not a Kafka bootstrap server list: '" + servers
                        + "' (expected host:port or host1:port1,host2:port2)");
            }
        }
        return servers.replace(" ", "");
    }

    /**
     * {@code base} with {@code database} as its database: put before any {@code ?options}, replacing a database the
     * string named. Credentials keep authenticating where they did: without an {@code authSource} (and with the
     * default mechanism) the database of the string, or {@code admin}, becomes the {@code authSource}, since the
     * driver would otherwise look the user up in the service's database.
     */
    static String mongoUriForDatabase(String base, String database) {
        int hostsStart = base.indexOf("://") + 3;
        int question = base.indexOf('?', hostsStart);
        String beforeOptions = question < 0 ? base : base.substring(0, question);
        String options = question < 0 ? "" : base.substring(question + 1);
        int slash = beforeOptions.indexOf('/', hostsStart);
        String authority = slash < 0 ? beforeOptions : beforeOptions.substring(0, slash);
        String named = slash < 0 ? "" : beforeOptions.substring(slash + 1);
        boolean credentials = authority.substring(hostsStart).contains("@");
        if (credentials && !hasOption(options, "authSource") && !hasOption(options, "authMechanism")) {
            String source = named.isEmpty() ? "admin" : named;
            options = options.isEmpty() ? "authSource=" + source : options + "&authSource=" + source;
        }
        return authority + "/" + database + (options.isEmpty() ? "" : "?" + options);
    }

    private static boolean hasOption(String options, String name) {
        for (String option : options.split("[&;]")) {
            int eq = option.indexOf('=');
            if ((eq < 0 ? option : option.substring(0, eq)).equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** The connection string with its password replaced by {@code ****}, for output and files. */
    static String redactedMongoUri(String uri) {
        int hostsStart = uri.indexOf("://");
        if (hostsStart < 0) {
            return uri;
        }
        hostsStart += 3;
        int end = uri.length();
        for (char c : new char[] {'/', '?'}) {
            int i = uri.indexOf(c, hostsStart);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        int at = uri.lastIndexOf('@', end);
        if (at < hostsStart) {
            return uri;
        }
        int colon = uri.indexOf(':', hostsStart);
        if (colon < 0 || colon > at) {
            return uri;
        }
        return uri.substring(0, colon + 1) + "****" + uri.substring(at);
    }

    /** The {@code host:port} of every server a connection string names (port 27017 if none); none for SRV. */
    static List<String> mongoHosts(String uri) {
        if (uri.toLowerCase(Locale.ROOT).startsWith("mongodb+srv://")) {
            return List.of();
        }
        int hostsStart = uri.indexOf("://") + 3;
        int end = uri.length();
        for (char c : new char[] {'/', '?'}) {
            int i = uri.indexOf(c, hostsStart);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        String hosts = uri.substring(Math.max(hostsStart, uri.lastIndexOf('@', end) + 1), end);
        List<String> result = new ArrayList<>();
        for (String host : hosts.split(",")) {
            boolean hasPort = host.startsWith("[") ? host.contains("]:") : host.contains(":");
            result.add(hasPort ? host : host + ":27017");
        }
        return result;
    }
}
