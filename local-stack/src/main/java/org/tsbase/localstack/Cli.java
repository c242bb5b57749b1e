package org.tsbase.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the command line and the environment of {@code ./tsbase}; no side effects, so it is tested directly. */
final class Cli {
    static final String USAGE = """
            Usage:
              ./tsbase up [options]      start Kafka, MongoDB, mail and the five services; Ctrl-C stops everything
              ./tsbase token --role ROLE [--org CREDIT_CODE] [--ttl 8h] [--data-dir DIR]
                                         print a bearer token signed with the stack's key
                                         (ROLE: APPLICANT, DISTRICT_REVIEWER, CITY_REVIEWER, ADMIN;
                                          APPLICANT without --org is bound to the demo organisation %s)
              ./tsbase restart PART [--data-dir DIR]
                                         stop one part of the running stack, then start it and wait until it is
                                         healthy (PART: kafka, mongo, mail, contact-service, application-service,
                                         scoring-service, notification-service, gateway)
              ./tsbase stop|start PART [--data-dir DIR]      stop one part (gracefully), or start it again
              ./tsbase kill PART [--data-dir DIR]            SIGKILL one part, as a crash would; it stays down
                                         until started (a part that dies on its own is started
                                         again by the launcher)
              ./tsbase freeze|thaw PART [--data-dir DIR]     SIGSTOP one part (it hangs, ports open), SIGCONT it
              ./tsbase add-instance SERVICE [--data-dir DIR] start one more process of a service behind the gateway
                                         on a free port, sharing its database and consumer group; it is named
                                         SERVICE-2, SERVICE-3, ... (stop or kill it by that name)
                                         These commands talk to the launcher of ./tsbase up (see control in
                                         data/stack.json); they print OK or ERROR and what happened.
              ./tsbase help

            Options of up:
              --<part>-port N            change a port; parts and defaults:
            %s
                                         or set TSBASE_<PART>_PORT (e.g. TSBASE_GATEWAY_PORT=18080 ./tsbase up)
              --free-ports               let the system choose every port (see data/stack.json)
              --data-dir DIR             where data, keys and logs go (default ./data, or TSBASE_DATA_DIR)
              --no-demo                  do not load the demo data (it is loaded once, into an empty stack)
              --infrastructure-only      start only Kafka, MongoDB and the mail server
              --mongo-uri URI            use an existing MongoDB (a replica set) instead of the embedded one,
                                         e.g. mongodb://db1:27017,db2:27017,db3:27017/?replicaSet=rs0; each
                                         service gets its own database on it (tsbase-applications, ...), put
                                         before the ?options; no demo data is loaded into it (or TSBASE_MONGO_URI)
              --kafka-bootstrap LIST     use an existing Kafka cluster instead of the embedded broker,
                                         e.g. kafka1:9092,kafka2:9092 (or TSBASE_KAFKA_BOOTSTRAP)
              --timeout 240s             how long to wait for the services to be healthy
              --ttl 8h                   lifetime of the printed tokens
            TSBASE_SERVICE_JAVA_OPTS adds JVM options to every service; TSBASE_SKIP_BUILD=1 skips the build check.
            """;

    private Cli() {
    }

    static String usage() {
        StringBuilder ports = new StringBuilder();
        for (PortName name : PortName.values()) {
            ports.append(String.format("                               %-24s %5d  %s%n", name.option(),
                    name.defaultPort(), name.description()));
        }
        return String.format(USAGE, TokenMinter.DEMO_ORG, ports.toString().stripTrailing());
    }

    /** The options of {@code up}, on top of {@code TSBASE_*} variables in {@code env}. */
    static StackConfig.Builder parseUp(List<String> args, Map<String, String> env, Path projectRoot) {
        StackConfig.Builder builder = StackConfig.builder().projectRoot(projectRoot);
        Ports ports = Ports.fromEnvironment(env);
        boolean freePorts = false;
        dataDir(env).ifPresent(dir -> builder.dataDir(projectRoot.resolve(dir)));
        String mongoUri = env.get("TSBASE_MONGO_URI");
        String kafkaBootstrap = env.get("TSBASE_KAFKA_BOOTSTRAP");
        String javaOpts = env.get("TSBASE_SERVICE_JAVA_OPTS");
        if (javaOpts != null && !javaOpts.isBlank()) {
            builder.serviceJvmArgs(Arrays.asList(javaOpts.trim().split("\\s+")));
        }
        Args reader = new Args(args);
        while (reader.hasNext()) {
            String option = reader.next();
            Optional<PortName> portName = PortName.byOption(option);
            if (portName.isPresent()) {
                ports = ports.with(portName.get(), Ports.parse(reader.value(option), option));
                continue;
            }
            switch (option) {
                case "--data-dir" -> builder.dataDir(projectRoot.resolve(reader.value(option)));
                case "--no-demo" -> builder.seedDemoData(false);
                case "--infrastructure-only" -> builder.parts(EnumSet.copyOf(Part.infrastructure()));
                case "--free-ports" -> freePorts = true;
                case "--timeout" -> builder.serviceTimeout(TokenMinter.parseTtl(reader.value(option)));
                case "--ttl" -> builder.tokenTtl(TokenMinter.parseTtl(reader.value(option)));
                case "--mongo-uri" -> mongoUri = reader.value(option);
                case "--kafka-bootstrap" -> kafkaBootstrap = reader.value(option);
                default -> throw new UsageException("Unknown option for up: " + option);
            }
        }
        try {
            builder.externalMongo(mongoUri).externalKafka(kafkaBootstrap);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        builder.ports(ports);
        if (freePorts) {
            builder.freePorts();
        }
        return builder;
    }

    record TokenRequest(Role role, String org, Duration ttl, Optional<Path> dataDir) {
    }

    /** {@code token --role ROLE [--org CODE] [--ttl 8h] [--data-dir DIR]}: APPLICANT defaults to the demo org. */
    static TokenRequest parseToken(List<String> args, Map<String, String> env) {
        Role role = null;
        String org = null;
        Duration ttl = TokenMinter.DEFAULT_TTL;
        Optional<Path> dataDir = dataDir(env).map(Path::of);
        Args reader = new Args(args);
        while (reader.hasNext()) {
            String option = reader.next();
            switch (option) {
                case "--role" -> role = Role.parse(reader.value(option));
                case "--org" -> org = reader.value(option);
                case "--ttl" -> ttl = TokenMinter.parseTtl(reader.value(option));
                case "--data-dir" -> dataDir = Optional.of(Path.of(reader.value(option)));
                default -> throw new UsageException("Unknown option for token: " + option);
            }
        }
        if (role == null) {
            throw new UsageException("token needs --role (APPLICANT, DISTRICT_REVIEWER, CITY_REVIEWER or ADMIN)");
        }
        if (role == Role.APPLICANT && (org == null || org.isBlank())) {
            org = TokenMinter.DEMO_ORG;
        }
        return new TokenRequest(role, org, ttl, dataDir);
    }

    record PartRequest(String command, String target, Optional<Path> dataDir) {
    }

    /** {@code restart|stop|start|kill|freeze|thaw|add-instance PART [--data-dir DIR]}. */
    static PartRequest parsePartCommand(String command, List<String> args, Map<String, String> env) {
        if (!StackControl.COMMANDS.contains(command)) {
            throw new UsageException("Unknown command '" + command + "'");
        }
        String target = null;
        Optional<Path> dataDir = dataDir(env).map(Path::of);
        Args reader = new Args(args);
        while (reader.hasNext()) {
            String item = reader.next();
            if (item.equals("--data-dir")) {
                dataDir = Optional.of(Path.of(reader.value(item)));
            } else if (item.startsWith("--")) {
                throw new UsageException("Unknown option for " + command + ": " + item);
            } else if (target != null) {
                throw new UsageException(command + " takes one part, not '" + target + "' and '" + item + "'");
            } else {
                target = item;
            }
        }
        if (target == null) {
            throw new UsageException(command + " needs a part: " + String.join(", ", Part.ids()));
        }
        boolean instance = target.matches(".+-service-\\d+");
        if (Part.byId(target).isEmpty() && !(instance && (command.equals("stop") || command.equals("kill")))) {
            throw new UsageException("No part named '" + target + "'; parts: " + String.join(", ", Part.ids())
                    + (instance ? " (an additional instance can be stopped or killed only)" : ""));
        }
        if (command.equals("add-instance") && Part.byId(target).filter(p -> p.isService() && p != Part.GATEWAY)
                .isEmpty()) {
            throw new UsageException("add-instance takes a service behind the gateway, not " + target);
        }
        return new PartRequest(command, Part.byId(target).map(Part::id).orElse(target), dataDir);
    }

    private static Optional<String> dataDir(Map<String, String> env) {
        String value = env.get("TSBASE_DATA_DIR");
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    /** A wrong command line: print the message and the usage. */
    static final class UsageException extends IllegalArgumentException {
        UsageException(String message) {
            super(message);
        }
    }

    private static final class Args {
        private final List<String> items = new ArrayList<>();
        private int position;

        Args(List<String> args) {
            for (String arg : args) {
                int eq = arg.indexOf('=');
                if (arg.startsWith("--") && eq > 0) {
                    items.add(arg.substring(0, eq));
                    items.add(arg.substring(eq + 1));
                } else {
                    items.add(arg);
                }
            }
        }

        boolean hasNext() {
            return position < items.size();
        }

        String next() {
            return items.get(position++);
        }

        String value(String option) {
            if (!hasNext() || items.get(position).startsWith("--")) {
                throw new UsageException(option + " needs a value");
            }
            return next();
        }
    }
}
