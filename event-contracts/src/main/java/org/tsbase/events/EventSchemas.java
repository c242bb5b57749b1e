package org.tsbase.events;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The JSON Schema (2020-12) of every event type, from {@code schemas/<type>.json} on the classpath. */
public final class EventSchemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> CACHE = new ConcurrentHashMap<>();

    private EventSchemas() {
    }

    /** The violations of {@code json} against the schema of {@code type}; empty when it conforms. */
    public static List<String> violations(String type, String json) {
        return schema(type).validate(json, InputFormat.JSON).stream().map(Error::toString).toList();
    }

    public static String resourceName(String type) {
        return "schemas/" + type + ".json";
    }

    private static Schema schema(String type) {
        return CACHE.computeIfAbsent(type, t -> {
            try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(resourceName(t))) {
                if (in == null) {
                    throw new IllegalArgumentException("no schema for event type " + t);
                }
                return REGISTRY.getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
