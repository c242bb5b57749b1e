package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson mapper of the launcher. */
final class Json {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** True for an actuator health body {@code {"status":"UP", ...}}. */
    static boolean isStatusUp(String body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && "UP".equals(node.path("status").asText());
        } catch (Exception e) {
            return false;
        }
    }
}
