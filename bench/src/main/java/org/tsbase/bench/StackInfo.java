package org.tsbase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What {@code <data-dir>/stack.json} says about a running stack: where each part listens and its pid. */
record StackInfo(String gateway, Map<String, String> services, String kafka, String mongo, Map<String, Long> pids) {

    static StackInfo read(Path dataDir) {
        Path file = dataDir.resolve("stack.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("No stack found: " + file + " does not exist. Start one with ./tsbase up"
                    + " (and pass its --data-dir here)");
        }
        JsonNode json;
        try {
            json = new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        if (!"running".equalsIgnoreCase(json.path("state").asText())) {
            throw new IllegalStateException("The stack of " + file + " is not running (state: "
                    + json.path("state").asText("?") + ")");
        }
        Map<String, String> services = new LinkedHashMap<>();
        json.path("services").properties().forEach(e -> services.put(e.getKey(), e.getValue().path("url").asText()));
        Map<String, Long> pids = new LinkedHashMap<>();
        json.path("processes").properties().forEach(e -> pids.put(e.getKey(), e.getValue().path("pid").asLong()));
        StackInfo info = new StackInfo(json.path("gateway").asText(null), services, json.path("kafka").asText(null),
                json.path("mongo").asText(null), pids);
        for (String needed : new String[] {"application-service", "contact-service", "scoring-service"}) {
            if (!services.containsKey(needed)) {
                throw new IllegalStateException(file + " names no " + needed);
            }
        }
        if (info.gateway == null || info.kafka == null || info.mongo == null) {
            throw new IllegalStateException(file + " lacks the gateway, Kafka or MongoDB: start the whole stack");
        }
        return info;
    }

    String service(String id) {
        return services.get(id);
    }
}
