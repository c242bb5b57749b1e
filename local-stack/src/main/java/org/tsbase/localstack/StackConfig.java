package org.tsbase.localstack;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
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

    private StackConfig(Builder b) {
        this.projectRoot = b.projectRoot.toAbsolutePath().normalize();
        this.dataDir = (b.dataDir != null ? b.dataDir : this.projectRoot.resolve("data")).toAbsolutePath().normalize();
        this.ports = (b.freePorts ? Ports.free() : b.ports).validated();
        this.parts = EnumSet.copyOf(b.parts);
        this.seedDemoData = b.seedDemoData;
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

        private Builder() {
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
}
