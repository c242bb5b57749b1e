package org.tsbase.system.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hostile corpus: {@code src/test/resources/hostile/*.yaml}, one entry per request (see README.md there).
 */
public final class Corpus {

    static final List<String> FILES = List.of("tokens.yaml", "bola.yaml", "bopla.yaml", "roles.yaml", "json.yaml",
            "injection.yaml", "sizes.yaml", "attachments.yaml", "protocol.yaml", "exposure.yaml");
    static final Set<String> OWASP = Set.of("API1", "API2", "API3", "API4", "API5", "API6", "API7", "API8", "API9",
            "API10");
    static final Set<String> TARGETS = Set.of("gateway", "direct");

    /** What must come back. {@code status} holds the acceptable statuses (usually one). */
    /**
     * What must come back. {@code status} holds the acceptable statuses (usually one). {@code known} names a defect
     * not fixed yet (in a part of the system someone else is changing): while the answer is still wrong the test is
     * reported as aborted with that text instead of failing; once it is right it passes.
     */
    public record Expect(List<Integer> status, List<String> type, boolean problem, List<String> absent,
            List<String> absentHeaders, String known) {
    }

    /**
     * One request. {@code body}, {@code bodyBase64}, {@code generate} and {@code multipart} are alternatives;
     * {@code expect} may be refined per target ({@code gateway:}, {@code direct:}).
     */
    public record Entry(String file, String name, String owasp, String method, String path,
            List<Map.Entry<String, String>> headers, String token, String body, String bodyBase64, JsonNode generate,
            JsonNode multipart, String contentType, List<String> via, Expect expect, Expect gateway, Expect direct) {

        public Expect expectFor(String target) {
            Expect specific = target.equals("gateway") ? gateway : direct;
            if (specific == null) {
                return expect;
            }
            return new Expect(specific.status() != null ? specific.status() : expect.status(),
                    specific.type() != null ? specific.type() : (specific.status() != null ? null : expect.type()),
                    specific.problem() && expect.problem(), merge(expect.absent(), specific.absent()),
                    merge(expect.absentHeaders(), specific.absentHeaders()),
                    specific.known() != null ? specific.known() : expect.known());
        }

        private static List<String> merge(List<String> a, List<String> b) {
            List<String> out = new ArrayList<>(a);
            out.addAll(b);
            return out;
        }
    }

    private Corpus() {
    }

    public static List<Entry> load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Entry> entries = new ArrayList<>();
        for (String file : FILES) {
            try (InputStream in = Corpus.class.getResourceAsStream("/hostile/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("missing /hostile/" + file);
                }
                JsonNode root = yaml.readTree(in);
                for (JsonNode e : root.get("entries")) {
                    entries.add(entry(file, e));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file, e);
            }
        }
        return entries;
    }

    private static Entry entry(String file, JsonNode e) {
        String name = text(e, "name");
        if (name == null) {
            throw new IllegalArgumentException(file + ": an entry without a name");
        }
        String owasp = text(e, "owasp");
        if (!OWASP.contains(owasp)) {
            throw new IllegalArgumentException(file + ": " + name + ": owasp must be one of " + OWASP);
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        JsonNode h = e.get("headers");
        if (h != null) {
            if (h.isArray()) {
                // a list of single-key maps keeps order and allows a header twice
                h.forEach(one -> one.fields().forEachRemaining(f -> headers.add(Map.entry(f.getKey(), f.getValue().asText()))));
            } else {
                h.fields().forEachRemaining(f -> headers.add(Map.entry(f.getKey(), f.getValue().asText())));
            }
        }
        List<String> via = new ArrayList<>();
        if (e.has("via")) {
            e.get("via").forEach(v -> via.add(v.asText()));
        } else {
            via.addAll(List.of("gateway", "direct"));
        }
        if (!TARGETS.containsAll(via)) {
            throw new IllegalArgumentException(file + ": " + name + ": via must name gateway and/or direct");
        }
        Expect expect = expect(e.get("expect"), true);
        if (expect == null || expect.status() == null) {
            throw new IllegalArgumentException(file + ": " + name + ": expect.status is required");
        }
        return new Entry(file, name, owasp, text(e, "method"), text(e, "path"), headers,
                e.has("token") ? text(e, "token") : "none", text(e, "body"), text(e, "bodyBase64"), e.get("generate"),
                e.get("multipart"), text(e, "contentType"), via, expect, expect(e.get("gateway"), false),
                expect(e.get("direct"), false));
    }

    private static Expect expect(JsonNode x, boolean top) {
        if (x == null) {
            return null;
        }
        List<Integer> status = null;
        if (x.has("status")) {
            status = new ArrayList<>();
            if (x.get("status").isArray()) {
                for (JsonNode s : x.get("status")) {
                    status.add(s.asInt());
                }
            } else {
                status.add(x.get("status").asInt());
            }
        }
        return new Expect(status, x.has("type") ? strings(x.get("type")) : null, !x.has("problem") || x.get("problem").asBoolean(),
                strings(x.get("absent")), strings(x.get("absentHeaders")), text(x, "known"));
    }

    private static List<String> strings(JsonNode n) {
        List<String> out = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(v -> out.add(v.asText()));
        } else if (n != null) {
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Replaces {@code {name}} placeholders with the seeded ids. */
    public static String expand(String s, Map<String, String> values) {
        if (s == null) {
            return null;
        }
        String out = s;
        for (Map.Entry<String, String> v : values.entrySet()) {
            out = out.replace("{" + v.getKey() + "}", v.getValue());
        }
        return out;
    }

    static Map<String, String> ordered(Map<String, String> m) {
        return new LinkedHashMap<>(m);
    }
}
