package org.tsbase.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * docker-compose.yml and the five services' Dockerfiles, checked without a Docker engine: the Compose Spec
 * through dclint, then what a reader would notice if it were broken (build, health, start order, replica set,
 * KRaft, published ports, databases, routes, tokens) and the shape of every Dockerfile.
 */
class ComposeFileTest {

    private static final Path ROOT = projectRoot();
    private static final String DCLINT = "dclint@3.1.0";
    private static final long DCLINT_TIMEOUT_MINUTES = 5;

    /** module = compose service name, its port, its Mongo database (none for the gateway). */
    record Module(String name, int port, String database) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Module> MODULES = List.of(
            new Module("gateway", 8080, null),
            new Module("application-service", 8081, "tsbase-applications"),
            new Module("scoring-service", 8082, "tsbase-scoring"),
            new Module("notification-service", 8083, "tsbase-notifications"),
            new Module("contact-service", 8084, "tsbase-contacts"));

    static Stream<Module> modules() {
        return MODULES.stream();
    }

    static Stream<Module> backendModules() {
        return MODULES.stream().filter(m -> m.database() != null);
    }

    // ------------------------------------------------------------------ Compose Spec

    @Test
    void dclintAcceptsTheComposeFile() throws Exception {
        String npx = onPath(isWindows() ? "npx.cmd" : "npx");
        Assumptions.assumeTrue(npx != null,
                "npx (Node.js) is not on the PATH, so dclint cannot validate docker-compose.yml against the Compose Spec");

        List<String> command = List.of(npx, "--yes", DCLINT, "docker-compose.yml", "-q",
                "--disable-rule", "no-unbound-port-interfaces", "service-image-require-explicit-tag");
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("NO_COLOR", "1");
        builder.environment().put("FORCE_COLOR", "0");
        Process process = builder.start();
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream(), output), "dclint-output");
        reader.start();
        if (!process.waitFor(DCLINT_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("dclint did not finish within %d minutes: %s%n%s", DCLINT_TIMEOUT_MINUTES, command, output);
        }
        reader.join(10_000);
        String printed = output.toString(StandardCharsets.UTF_8);
        int exit = process.exitValue();
        Assumptions.assumeFalse(exit != 0 && registryUnreachable(printed),
                () -> "npx could not download " + DCLINT + " (npm registry unreachable):\n" + printed);
        assertThat(exit).as("%s in %s exited with %d:%n%s", String.join(" ", command), ROOT, exit, printed)
                .isZero();
    }

    // ------------------------------------------------------------------ the five services

    @ParameterizedTest
    @MethodSource("modules")
    void everyServiceIsBuiltFromTheDockerfileInItsFolder(Module module) {
        Map<String, Object> build = map(service(module.name()).get("build"), module + ".build");
        Path context = ROOT.resolve(string(build.get("context"))).normalize();
        Path dockerfile = context.resolve(string(build.getOrDefault("dockerfile", "Dockerfile"))).normalize();

        assertThat(context).as("build context of %s: the repository root (the reactor)", module).isEqualTo(ROOT);
        assertThat(dockerfile).as("Dockerfile of %s", module).isEqualTo(ROOT.resolve(module.name()).resolve("Dockerfile"))
                .isRegularFile();
        assertThat(service(module.name())).as("%s: build and image exclude each other", module).doesNotContainKey("image");
    }

    @Test
    void everyContainerHasAHealthCheck() {
        services().forEach((name, definition) -> {
            Map<String, Object> healthcheck = map(map(definition, name).get("healthcheck"), name + ".healthcheck");
            assertThat(healthcheck.get("disable")).as("%s.healthcheck.disable", name).isNotEqualTo(true);
            assertThat(healthcheck.get("test")).as("%s.healthcheck.test", name).isInstanceOf(List.class);
            assertThat(list(healthcheck.get("test"))).as("%s.healthcheck.test", name).hasSizeGreaterThan(1)
                    .first().isIn("CMD", "CMD-SHELL");
        });
    }

    @ParameterizedTest
    @MethodSource("modules")
    void servicesAskTheirOwnActuatorHealthWithCurlFromTheRuntimeImage(Module module) {
        String test = String.join(" ", healthTest(module.name()));
        assertThat(test).as("%s health check", module)
                .startsWith("CMD curl ")
                .endsWith("http://localhost:" + module.port() + "/actuator/health");
        assertThat(runtimeStage(module).get(0)).as("runtime base image of %s (has curl)", module)
                .startsWith("FROM eclipse-temurin:17-jre");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyServiceWaitsForHealthyMongoAndKafka(Module module) {
        assertThat(healthyDependenciesOf(module.name())).as("what %s waits for (directly or through others)", module)
                .contains("mongo", "kafka");
    }

    @ParameterizedTest
    @MethodSource("backendModules")
    void servicesStartAfterTheInfrastructureTheyUse(Module module) {
        Map<String, String> direct = dependsOn(module.name());
        assertThat(direct).as("%s.depends_on", module)
                .containsEntry("mongo", "service_healthy")
                .containsEntry("kafka", "service_healthy");
    }

    @Test
    void theGatewayStartsLastAfterTheFourServicesAndTheOidcProvider() {
        assertThat(dependsOn("gateway")).as("gateway.depends_on")
                .containsEntry("application-service", "service_healthy")
                .containsEntry("scoring-service", "service_healthy")
                .containsEntry("notification-service", "service_healthy")
                .containsEntry("contact-service", "service_healthy")
                .containsEntry("keycloak", "service_healthy");
        backendModules().forEach(m -> assertThat(healthyDependenciesOf(m.name())).as("%s must not wait for the gateway", m)
                .doesNotContain("gateway"));
    }

    @ParameterizedTest
    @MethodSource("modules")
    void everyServiceListensOnItsConventionalPort(Module module) {
        assertThat(env(module.name())).as("%s environment", module).containsEntry("SERVER_PORT", String.valueOf(module.port()));
        assertThat(dockerfile(module)).as("%s Dockerfile", module).contains("EXPOSE " + module.port());
    }

    @ParameterizedTest
    @MethodSource("backendModules")
    void everyServiceUsesItsOwnDatabaseOnTheReplicaSet(Module module) {
        String uri = env(module.name()).get("SPRING_MONGODB_URI");
        assertThat(uri).as("%s SPRING_MONGODB_URI", module).isNotNull();
        URI parsed = URI.create(uri);
        assertThat(parsed.getScheme()).isEqualTo("mongodb");
        assertThat(parsed.getHost()).as("Mongo host of %s", module).isEqualTo("mongo");
        assertThat(parsed.getPath()).as("database of %s", module).isEqualTo("/" + module.database());
        assertThat(parsed.getQuery()).as("%s connects to the replica set", module).contains("replicaSet=" + replicaSetName());
        assertThat(env(module.name())).as("%s must not use Boot 3's Mongo property", module)
                .doesNotContainKey("SPRING_DATA_MONGODB_URI");
    }

    @Test
    void theGatewayHasNoDatabaseAndEveryDatabaseHasOneOwner() {
        assertThat(env("gateway")).doesNotContainKey("SPRING_MONGODB_URI");
        List<String> databases = backendModules()
                .map(m -> URI.create(env(m.name()).get("SPRING_MONGODB_URI")).getPath()).toList();
        assertThat(databases).doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @MethodSource("backendModules")
    void everyServiceTalksToTheComposeKafka(Module module) {
        String advertised = env("kafka").get("KAFKA_ADVERTISED_LISTENERS");
        Matcher listener = Pattern.compile("PLAINTEXT://([^:,]+):(\\d+)").matcher(advertised);
        assertThat(listener.find()).as("KAFKA_ADVERTISED_LISTENERS %s has a PLAINTEXT listener", advertised).isTrue();
        assertThat(listener.group(1)).as("advertised host: the compose service name").isEqualTo("kafka");
        assertThat(env(module.name())).as("%s environment", module)
                .containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", listener.group(1) + ":" + listener.group(2));
    }

    @Test
    void theGatewayRoutesToTheComposeServiceNames() {
        Map<String, String> env = env("gateway");
        backendModules().forEach(m -> {
            String key = "TSBASE_GATEWAY_SERVICES_" + m.name().replace("-service", "").toUpperCase();
            assertThat(env).as("gateway environment").containsEntry(key, "http://" + m.name() + ":" + m.port());
            assertThat(services()).as("compose services").containsKey(m.name());
        });
    }

    @Test
    void notificationServiceSendsToTheMailCatcher() {
        Map<String, String> env = env("notification-service");
        assertThat(env).containsEntry("SPRING_MAIL_HOST", "mailpit").containsEntry("SPRING_MAIL_PORT", "1025")
                .containsKey("TSBASE_MAIL_FROM");
        assertThat(string(service("mailpit").get("image"))).startsWith("axllent/mailpit:");
        assertThat(dependsOn("notification-service")).containsEntry("mailpit", "service_healthy");
    }

    // ------------------------------------------------------------------ tokens

    @ParameterizedTest
    @MethodSource("modules")
    void everyServiceChecksTokensOfTheOidcProvider(Module module) {
        Map<String, String> env = env(module.name());
        String issuer = interpolate(env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"));
        String jwks = env.get("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_JWK_SET_URI");

        assertThat(issuer).as("%s issuer", module).isEqualTo(keycloakPublicUrl() + "/realms/" + realm().path("realm").asText());
        assertThat(jwks).as("%s JWK set (fetched inside the network)", module)
                .isEqualTo("http://keycloak:8080/realms/" + realm().path("realm").asText() + "/protocol/openid-connect/certs");
        assertThat(env).as("%s: no local key file in compose", module)
                .doesNotContainKey("SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_PUBLIC_KEY_LOCATION");
    }

    @Test
    void theRealmGivesTheClaimsTheServicesRead() {
        JsonNode realm = realm();
        Set<String> roles = new TreeSet<>();
        realm.at("/roles/realm").forEach(r -> roles.add(r.path("name").asText()));
        assertThat(roles).containsExactlyInAnyOrder("APPLICANT", "DISTRICT_REVIEWER", "CITY_REVIEWER", "ADMIN");

        Map<String, JsonNode> mappers = new java.util.HashMap<>();
        realm.path("clients").forEach(c -> c.path("protocolMappers").forEach(m -> mappers.put(m.path("protocolMapper").asText(), m)));
        assertThat(mappers.get("oidc-audience-mapper").at("/config/included.custom.audience").asText()).isEqualTo("tsbase");
        JsonNode rolesMapper = mappers.get("oidc-usermodel-realm-role-mapper");
        assertThat(rolesMapper.at("/config/claim.name").asText()).isEqualTo("roles");
        assertThat(rolesMapper.at("/config/multivalued").asText()).isEqualTo("true");
        assertThat(rolesMapper.at("/config/access.token.claim").asText()).isEqualTo("true");
        JsonNode orgMapper = mappers.get("oidc-usermodel-attribute-mapper");
        assertThat(orgMapper.at("/config/user.attribute").asText()).isEqualTo("org");
        assertThat(orgMapper.at("/config/claim.name").asText()).isEqualTo("org");
        assertThat(orgMapper.at("/config/access.token.claim").asText()).isEqualTo("true");

        // Keycloak 24+ drops user attributes its user profile does not declare: org must be declared
        String profile = realm.at("/components/org.keycloak.userprofile.UserProfileProvider/0/config/kc.user.profile.config/0").asText();
        assertThat(profile).as("declared user profile").contains("\"name\":\"org\"");

        Set<String> demoRoles = new TreeSet<>();
        realm.path("users").forEach(u -> {
            u.path("realmRoles").forEach(r -> demoRoles.add(r.asText()));
            boolean applicant = u.path("realmRoles").toString().contains("\"APPLICANT\"");
            assertThat(u.at("/attributes/org/0").asText()).as("org of demo user %s", u.path("username").asText())
                    .matches(applicant ? "[0-9A-HJ-NPQRTUWXY]{18}" : "");
        });
        assertThat(demoRoles).as("a demo user for every role").isEqualTo(roles);
    }

    @Test
    void keycloakImportsTheRealmAndIssuesTokensUnderItsPublicUrl() {
        Map<String, String> env = env("keycloak");
        assertThat(interpolate(env.get("KC_HOSTNAME"))).isEqualTo(keycloakPublicUrl());
        assertThat(list(service("keycloak").get("command"))).contains("--import-realm");
        assertThat(list(service("keycloak").get("volumes"))).map(String::valueOf)
                .anyMatch(v -> v.startsWith("./deploy/keycloak/tsbase-realm.json:/opt/keycloak/data/import/"));
        assertThat(env).containsEntry("KC_HEALTH_ENABLED", "true");
    }

    // ------------------------------------------------------------------ infrastructure

    @Test
    void mongoIsAReplicaSetThatItsHealthCheckInitiates() {
        Map<String, Object> mongo = service("mongo");
        assertThat(string(mongo.get("image"))).startsWith("mongo:8");
        List<String> command = list(mongo.get("command")).stream().map(String::valueOf).toList();
        assertThat(command).containsSequence("--replSet", replicaSetName());
        String health = String.join(" ", healthTest("mongo"));
        assertThat(health).contains("rs.initiate(").contains("_id: '" + replicaSetName() + "'")
                .contains("host: 'mongo:27017'").contains("isWritablePrimary");
        assertThat(list(mongo.get("volumes"))).map(String::valueOf).anyMatch(v -> v.endsWith(":/data/db"));
    }

    @Test
    void kafkaRunsInKraftModeAsOneCombinedNode() {
        Map<String, Object> kafka = service("kafka");
        Map<String, String> env = env("kafka");
        assertThat(string(kafka.get("image"))).startsWith("apache/kafka:");
        assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                .containsKeys("CLUSTER_ID", "KAFKA_CONTROLLER_QUORUM_VOTERS", "KAFKA_CONTROLLER_LISTENER_NAMES")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka:9093");
        assertThat(list(kafka.get("volumes"))).map(String::valueOf).anyMatch(v -> v.endsWith(":" + env.get("KAFKA_LOG_DIRS")));
    }

    @Test
    void onlyTheGatewayTheMailUiAndTheOidcProviderArePublished() {
        Set<String> publishing = services().entrySet().stream()
                .filter(e -> map(e.getValue(), e.getKey()).containsKey("ports"))
                .map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
        assertThat(publishing).containsExactlyInAnyOrder("gateway", "mailpit", "keycloak");
        assertThat(containerPorts("gateway")).containsExactly("8080");
        assertThat(containerPorts("mailpit")).as("the mail UI only, not SMTP").containsExactly("8025");
        assertThat(containerPorts("keycloak")).containsExactly("8080");
        services().forEach((name, definition) -> assertThat(map(definition, name))
                .as("%s: no host networking", name).doesNotContainKey("network_mode"));
    }

    @Test
    void dataLivesInNamedVolumes() {
        assertThat(map(compose().get("volumes"), "volumes")).containsKeys("mongo-data", "kafka-data");
    }

    // ------------------------------------------------------------------ Dockerfiles

    @ParameterizedTest
    @MethodSource("modules")
    void dockerfileBuildsTheModuleInTheReactorAndRunsItsJarAsNonRoot(Module module) {
        List<List<String>> stages = stages(module);
        assertThat(stages).as("%s Dockerfile stages", module).hasSizeGreaterThanOrEqualTo(2);

        List<String> build = stages.get(0);
        assertThat(build.get(0)).as("first stage of %s", module).matches("FROM \\S*(maven|jdk)\\S*17\\S* AS build");
        assertThat(build).as("build stage of %s", module)
                .anyMatch(i -> i.startsWith("RUN ") && i.contains("-pl " + module.name() + " -am")
                        && i.contains("-DskipTests") && i.contains("package"));

        List<String> runtime = runtimeStage(module);
        String jar = "/" + module.name() + "/target/" + module.name() + "-exec.jar";
        assertThat(runtime.get(0)).as("runtime base of %s: a JRE 17", module).matches("FROM \\S*17-jre\\S*");
        String copy = runtime.stream().filter(i -> i.startsWith("COPY --from=build ")).findFirst()
                .orElseThrow(() -> new AssertionError(module + ": no COPY --from=build in the runtime stage"));
        assertThat(copy).as("%s copies its own executable jar", module).contains(jar);
        String target = copy.substring(copy.lastIndexOf(' ') + 1);

        List<String> users = runtime.stream().filter(i -> i.startsWith("USER ")).toList();
        assertThat(users).as("%s sets a USER in the runtime stage", module).isNotEmpty();
        String user = users.get(users.size() - 1).substring(5).trim();
        assertThat(user.split(":")[0]).as("%s runtime user", module).isNotIn("root", "0");

        String entrypoint = runtime.stream().filter(i -> i.startsWith("ENTRYPOINT ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError(module + ": no ENTRYPOINT"));
        assertThat(entrypoint).as("%s entrypoint", module).startsWith("ENTRYPOINT [")
                .contains("-XX:MaxRAMPercentage=").contains("\"-jar\", \"" + target + "\"");
    }

    @ParameterizedTest
    @MethodSource("modules")
    void dockerfileCopiesEveryReactorPomAndTheSourcesItBuilds(Module module) throws IOException {
        String root = Files.readString(ROOT.resolve("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(root);
        List<String> reactor = new ArrayList<>();
        while (m.find()) {
            reactor.add(m.group(1).trim());
        }
        assertThat(reactor).as("modules of the parent pom").isNotEmpty();
        List<String> copies = stages(module).get(0).stream().filter(i -> i.startsWith("COPY ")).toList();
        assertThat(copies).as("%s Dockerfile copies the parent pom", module).contains("COPY pom.xml ./");
        for (String child : reactor) {
            assertThat(copies).as("%s Dockerfile: every reactor module's pom (Maven reads them all)", module)
                    .contains("COPY " + child + "/pom.xml " + child + "/");
        }
        assertThat(copies).as("%s Dockerfile: its own sources", module)
                .contains("COPY " + module.name() + "/src " + module.name() + "/src");
        for (String copy : copies) {
            String source = copy.split("\\s+")[1];
            assertThat(ROOT.resolve(source)).as("%s: %s copies something that exists", module, copy).exists();
        }
    }

    // ------------------------------------------------------------------ helpers: compose

    private static Map<String, Object> composeCache;
    private static JsonNode realmCache;

    static synchronized Map<String, Object> compose() {
        if (composeCache == null) {
            try (InputStream in = Files.newInputStream(ROOT.resolve("docker-compose.yml"))) {
                composeCache = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(in), "docker-compose.yml");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return composeCache;
    }

    static Map<String, Object> services() {
        return map(compose().get("services"), "services");
    }

    static Map<String, Object> service(String name) {
        assertThat(services()).as("services of docker-compose.yml").containsKey(name);
        return map(services().get(name), name);
    }

    /** A service's environment as strings (map form; YAML merge keys resolved by the parser). */
    static Map<String, String> env(String name) {
        Object environment = service(name).get("environment");
        Map<String, String> env = new java.util.LinkedHashMap<>();
        if (environment instanceof Map<?, ?> values) {
            values.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : String.valueOf(v)));
        } else if (environment instanceof List<?> entries) {
            entries.forEach(e -> {
                String entry = String.valueOf(e);
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            });
        }
        return env;
    }

    /** depends_on in its long form: service name to condition. */
    static Map<String, String> dependsOn(String name) {
        Object dependsOn = service(name).get("depends_on");
        Map<String, String> conditions = new java.util.LinkedHashMap<>();
        if (dependsOn instanceof Map<?, ?> entries) {
            entries.forEach((k, v) -> conditions.put(String.valueOf(k),
                    v instanceof Map<?, ?> details ? String.valueOf(details.get("condition")) : "service_started"));
        } else if (dependsOn instanceof List<?> names) {
            names.forEach(n -> conditions.put(String.valueOf(n), "service_started"));
        }
        return conditions;
    }

    /** Every service that must be healthy before {@code name} starts, following service_healthy edges. */
    static Set<String> healthyDependenciesOf(String name) {
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            dependsOn(todo.pop()).forEach((dependency, condition) -> {
                if ("service_healthy".equals(condition) && seen.add(dependency)) {
                    todo.push(dependency);
                }
            });
        }
        return seen;
    }

    static List<String> healthTest(String name) {
        return list(map(service(name).get("healthcheck"), name + ".healthcheck").get("test")).stream()
                .map(String::valueOf).toList();
    }

    /** The container side of every published port (short syntax "host:container" or long syntax). */
    static List<String> containerPorts(String name) {
        return list(service(name).get("ports")).stream().map(p -> {
            if (p instanceof Map<?, ?> longSyntax) {
                return String.valueOf(longSyntax.get("target"));
            }
            String spec = String.valueOf(p).replaceAll("/(tcp|udp)$", "");
            return spec.substring(spec.lastIndexOf(':') + 1);
        }).toList();
    }

    static String replicaSetName() {
        List<String> command = list(service("mongo").get("command")).stream().map(String::valueOf).toList();
        int at = command.indexOf("--replSet");
        assertThat(at).as("mongo command %s has --replSet", command).isNotNegative();
        return command.get(at + 1);
    }

    /** Keycloak's public URL, as the compose file resolves it without TSBASE_OIDC_URL set. */
    static String keycloakPublicUrl() {
        return interpolate(env("keycloak").get("KC_HOSTNAME"));
    }

    static JsonNode realm() {
        if (realmCache == null) {
            try {
                realmCache = new ObjectMapper().readTree(ROOT.resolve("deploy/keycloak/tsbase-realm.json").toFile());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return realmCache;
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");

    /** Compose's ${VAR:-default} with no variable set: the default (or nothing). */
    static String interpolate(String value) {
        if (value == null) {
            return null;
        }
        Matcher m = VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2) == null ? "" : m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    // ------------------------------------------------------------------ helpers: Dockerfiles

    static String dockerfile(Module module) {
        try {
            return Files.readString(ROOT.resolve(module.name()).resolve("Dockerfile"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Instructions (continuations joined, comments and blank lines dropped), grouped by stage. */
    static List<List<String>> stages(Module module) {
        List<List<String>> stages = new ArrayList<>();
        StringBuilder pending = new StringBuilder();
        for (String line : dockerfile(module).split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                pending.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            String instruction = (pending + trimmed).replaceAll("\\s+", " ").trim();
            pending.setLength(0);
            if (instruction.isEmpty()) {
                continue;
            }
            if (instruction.startsWith("FROM ")) {
                stages.add(new ArrayList<>());
            }
            assertThat(stages).as("%s Dockerfile starts with FROM: %s", module, instruction).isNotEmpty();
            stages.get(stages.size() - 1).add(instruction);
        }
        return stages;
    }

    static List<String> runtimeStage(Module module) {
        List<List<String>> stages = stages(module);
        return stages.get(stages.size() - 1);
    }

    // ------------------------------------------------------------------ helpers: general

    static Path projectRoot() {
        Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("docker-compose.yml"))) {
                return p;
            }
        }
        throw new IllegalStateException("no docker-compose.yml in " + dir + " or any folder above it");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertThat(value).as("%s is a mapping", what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    static List<Object> list(Object value) {
        assertThat(value).as("a list").isInstanceOf(List.class);
        return new ArrayList<>((List<?>) value);
    }

    static String string(Object value) {
        return value == null ? null : String.valueOf(value);
    }

    static String onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(Pattern.quote(File.pathSeparator))) {
            if (!dir.isBlank()) {
                Path candidate = Path.of(dir, executable);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    static boolean isWindows() {
        return System.getProperty("os.name", "").toLowerCase().contains("win");
    }

    private static final Pattern NETWORK_ERROR =
            Pattern.compile("\\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH)\\b");

    static boolean registryUnreachable(String npxOutput) {
        return NETWORK_ERROR.matcher(npxOutput).find() && !npxOutput.contains("ComposeValidationError");
    }

    private static void copy(InputStream in, ByteArrayOutputStream out) {
        try (in) {
            in.transferTo(out);
        } catch (IOException e) {
            // the process was killed; what was read so far is reported
        }
    }
}
