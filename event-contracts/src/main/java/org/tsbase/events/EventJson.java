package org.tsbase.events;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapping of event payloads, so that producers and consumers agree on dates, numbers and names. */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private EventJson() {
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Object payload) {
        return MAPPER.writeValueAsBytes(payload);
    }

    public static String toJson(Object payload) {
        return MAPPER.writeValueAsString(payload);
    }

    public static <T> T fromBytes(byte[] data, Class<T> type) {
        return MAPPER.readValue(data, type);
    }

    public static JsonNode tree(byte[] data) {
        return MAPPER.readTree(data);
    }
}
