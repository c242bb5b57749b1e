package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads the demo data over HTTP through the gateway, as a client would. The requests are JSON files on the class
 * path under {@code demo/} ({@code src/main/resources/demo/*.json}), read in file-name order:
 *
 * <pre>{@code
 * {"requests": [
 *   {"name": "demo-point-draft", "as": "APPLICANT", "org": "91110107MA01B2C34M",
 *    "method": "POST", "path": "/api/applications", "body": { ... }},
 *   {"name": "demo-point-submit", "as": "APPLICANT",
 *    "method": "POST", "path": "/api/applications/${demo-point-draft.id}/submit"}
 * ]}
 * }</pre>
 *
 * {@code as} is the role whose token is sent (default ADMIN); {@code org} binds an APPLICANT token (default the demo
 * organisation); {@code accept} lists statuses besides 2xx that count as done (e.g. 409 for "exists already");
 * {@code retry} lists statuses besides 502/503/504 to ask again after a pause (e.g. 422 while application-service has
 * not yet read the contact registered just before from the contact topic: 附件6 is required at submission);
 * {@code headers} adds headers. Placeholders in {@code path}, {@code headers} and string values of {@code body}:
 * {@code ${today}}, {@code ${today+30}}, {@code ${today-200}} (ISO dates, Asia/Shanghai), {@code ${year}},
 * {@code ${demoOrg}}, and {@code ${<name>.<field>[.<field>]}} from the JSON response of an earlier request
 * ({@code ${<name>.location}} is its Location header; {@code id} falls back to the Location's last segment).
 * A request that needs a failed one is skipped. A failure is reported, never thrown: the stack stays up.
 */
public final class DemoData {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");
    private static final Pattern DATE = Pattern.compile("today(?:([+-])(\\d+))?");
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final int ATTEMPTS = 5;
    /** For a request naming statuses to {@code retry}: the submission waits for the contact to reach application-service. */
    private static final int RETRY_ATTEMPTS = 20;

    private final URI gateway;
    private final BiFunction<Role, String, String> tokens;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Response> responses = new HashMap<>();
    private final LocalDate today;
    private Duration retryPause = Duration.ofSeconds(2);

    /**
     * @param gateway the gateway's base URL
     * @param tokens  mints a token for a role and an organisation (see {@link LocalStack#token(Role, String)})
     * @param out     where warnings go, or {@code null}
     */
    public DemoData(URI gateway, BiFunction<Role, String, String> tokens, PrintStream out) {
        this(gateway, tokens, out, LocalDate.now(ZONE));
    }

    DemoData(URI gateway, BiFunction<Role, String, String> tokens, PrintStream out, LocalDate today) {
        this.gateway = gateway;
        this.tokens = tokens;
        this.out = out;
        this.today = today;
    }

    DemoData retryPause(Duration pause) {
        this.retryPause = pause;
        return this;
    }

    /** What happened: how many requests were sent and which failed or were skipped. */
    public record Result(int total, int succeeded, List<String> failed) {
        public String summary() {
            if (failed.isEmpty()) {
                return "demo data: " + succeeded + " of " + total + " requests done";
            }
            return "demo data: " + succeeded + " of " + total + " requests done; not done: "
                    + String.join(", ", failed);
        }
    }

    /** Sends every request of every {@code demo/*.json} on the class path. */
    public Result loadAll() {
        Map<String, JsonNode> files = demoFiles();
        List<JsonNode> requests = new ArrayList<>();
        files.forEach((name, document) -> document.path("requests").forEach(requests::add));
        return send(requests);
    }

    /** Sends the requests of one document ({@code {"requests": [...]}}). */
    public Result load(JsonNode document) {
        List<JsonNode> requests = new ArrayList<>();
        document.path("requests").forEach(requests::add);
        return send(requests);
    }

    private Result send(List<JsonNode> requests) {
        int succeeded = 0;
        List<String> failed = new ArrayList<>();
        for (JsonNode request : requests) {
            String name = request.path("name").asText("(unnamed)");
            String method = request.path("method").asText("POST").toUpperCase(java.util.Locale.ROOT);
            String pathTemplate = request.path("path").asText();
            String label = "'" + name + "' (" + method + " " + pathTemplate + ")";
            try {
                Response response = sendOne(request, method, pathTemplate);
                if (response.ok) {
                    responses.put(name, response);
                    succeeded++;
                } else {
                    failed.add(name);
                    warn("demo request " + label + " failed: " + response.describe());
                }
            } catch (MissingValueException e) {
                failed.add(name);
                warn("demo request " + label + " skipped: " + e.getMessage());
            } catch (IOException e) {
                failed.add(name);
                warn("demo request " + label + " failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(name);
                warn("demo request " + label + " interrupted");
                break;
            } catch (RuntimeException e) {
                failed.add(name);
                warn("demo request " + label + " is invalid: " + e.getMessage());
            }
        }
        return new Result(requests.size(), succeeded, failed);
    }

    private Response sendOne(JsonNode request, String method, String pathTemplate)
            throws IOException, InterruptedException {
        Role role = Role.parse(request.path("as").asText("ADMIN"));
        String org = resolve(request.path("org").asText(TokenMinter.DEMO_ORG));
        String path = resolve(pathTemplate);
        HttpRequest.Builder builder = HttpRequest.newBuilder(gateway.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + tokens.apply(role, org))
                .header("Accept", "application/json, application/problem+json")
                .header("Accept-Language", "en");
        Iterator<Map.Entry<String, JsonNode>> headers = request.path("headers").fields();
        while (headers.hasNext()) {
            Map.Entry<String, JsonNode> header = headers.next();
            builder.header(header.getKey(), resolve(header.getValue().asText()));
        }
        if (request.has("body")) {
            JsonNode body = resolveAll(request.get("body").deepCopy());
            builder.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        List<Integer> accepted = new ArrayList<>();
        request.path("accept").forEach(status -> accepted.add(status.asInt()));
        List<Integer> retried = new ArrayList<>();
        request.path("retry").forEach(status -> retried.add(status.asInt()));
        int attempts = retried.isEmpty() ? ATTEMPTS : RETRY_ATTEMPTS;
        HttpRequest httpRequest = builder.build();
        IOException lastError = null;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            try {
                HttpResponse<String> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                boolean retryable = status == 502 || status == 503 || status == 504 || retried.contains(status);
                if (!retryable || attempt == attempts) {
                    return new Response(status, status / 100 == 2 || accepted.contains(status), response.body(),
                            response.headers().firstValue("Location").orElse(null));
                }
            } catch (IOException e) {
                lastError = e;
            }
            Thread.sleep(retryPause.toMillis());
        }
        throw lastError != null ? lastError : new IOException("no answer");
    }

    /** Replaces placeholders in the string values of {@code node}; a value that is one number placeholder becomes a number. */
    private JsonNode resolveAll(JsonNode node) {
        if (node instanceof ObjectNode object) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                object.set(field, resolveAll(object.get(field)));
            }
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, resolveAll(array.get(i)));
            }
            return array;
        }
        if (node.isTextual()) {
            String text = node.asText();
            String resolved = resolve(text);
            if (text.equals("${year}")) {
                return IntNode.valueOf(Integer.parseInt(resolved));
            }
            return TextNode.valueOf(resolved);
        }
        return node;
    }

    String resolve(String text) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(result, Matcher.quoteReplacement(value(matcher.group(1).trim())));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private String value(String key) {
        Matcher date = DATE.matcher(key);
        if (date.matches()) {
            if (date.group(1) == null) {
                return today.toString();
            }
            long days = Long.parseLong(date.group(2));
            return (date.group(1).equals("+") ? today.plusDays(days) : today.minusDays(days)).toString();
        }
        if (key.equals("year")) {
            return String.valueOf(today.getYear());
        }
        if (key.equals("demoOrg")) {
            return TokenMinter.DEMO_ORG;
        }
        int dot = key.indexOf('.');
        if (dot < 0) {
            throw new IllegalArgumentException("unknown placeholder ${" + key + "}");
        }
        String name = key.substring(0, dot);
        String field = key.substring(dot + 1);
        Response response = responses.get(name);
        if (response == null) {
            throw new MissingValueException("it needs '" + name + "', which was not done");
        }
        return response.value(field).orElseThrow(() ->
                new MissingValueException("the response to '" + name + "' has no " + field));
    }

    private void warn(String message) {
        if (out != null) {
            out.println("WARNING: " + message);
        }
    }

    /** Every {@code demo/*.json} on the class path, by file name. */
    static Map<String, JsonNode> demoFiles() {
        Map<String, JsonNode> files = new TreeMap<>();
        try {
            Enumeration<URL> roots = DemoData.class.getClassLoader().getResources("demo");
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if (root.getProtocol().equals("jar")) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : java.util.Collections.list(jar.entries())) {
                            String entryName = entry.getName();
                            if (entryName.startsWith("demo/") && entryName.endsWith(".json")
                                    && entryName.indexOf('/', 5) < 0) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    files.putIfAbsent(entryName.substring(5), Json.MAPPER.readTree(in));
                                }
                            }
                        }
                    }
                } else if (root.getProtocol().equals("file")) {
                    try (Stream<Path> paths = Files.list(Path.of(root.toURI()))) {
                        for (Path file : paths.filter(p -> p.toString().endsWith(".json")).toList()) {
                            files.putIfAbsent(file.getFileName().toString(), Json.MAPPER.readTree(file.toFile()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the demo data", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return files;
    }

    private static final class MissingValueException extends RuntimeException {
        MissingValueException(String message) {
            super(message);
        }
    }

    private record Response(int status, boolean ok, String body, String location) {
        java.util.Optional<String> value(String path) {
            if (path.equals("location")) {
                return java.util.Optional.ofNullable(location);
            }
            JsonNode node = null;
            try {
                node = body == null || body.isBlank() ? null : Json.MAPPER.readTree(body);
            } catch (IOException e) {
                // not JSON: only the Location header can help
            }
            if (node != null) {
                JsonNode current = node;
                for (String part : path.split("\\.")) {
                    current = current.path(part);
                }
                if (!current.isMissingNode() && !current.isNull() && !current.isContainerNode()) {
                    return java.util.Optional.of(current.asText());
                }
            }
            if (path.equals("id") && location != null) {
                String trimmed = location.replaceAll("/+$", "");
                return java.util.Optional.of(trimmed.substring(trimmed.lastIndexOf('/') + 1));
            }
            return java.util.Optional.empty();
        }

        /** Status and the problem's title: no body, which may hold personal data. */
        String describe() {
            String title = null;
            try {
                JsonNode node = Json.MAPPER.readTree(body);
                if (node != null && node.hasNonNull("title")) {
                    title = node.get("title").asText();
                }
            } catch (IOException | RuntimeException e) {
                // not a problem document
            }
            return "HTTP " + status + (title == null ? "" : " " + title);
        }
    }
}
