package org.tsbase.application;

import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Changes one value of a JSON request body. */
public final class FormJson {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FormJson() {
    }

    public static String with(String body, String pointer, String rawValue) {
        ObjectNode root = (ObjectNode) JSON.readTree(body);
        JsonPointer p = JsonPointer.compile(pointer);
        ((ObjectNode) root.at(p.head())).set(p.last().getMatchingProperty(), JSON.readTree(rawValue));
        return JSON.writeValueAsString(root);
    }
}
