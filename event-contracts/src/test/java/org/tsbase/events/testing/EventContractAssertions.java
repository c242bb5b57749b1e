package org.tsbase.events.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.tsbase.events.EventSchemas;

/** For producers' tests: what a service really put on a topic conforms to the published schema of its type. */
public final class EventContractAssertions {

    private EventContractAssertions() {
    }

    public static void assertConforms(String type, byte[] data) {
        assertConforms(type, new String(data, StandardCharsets.UTF_8));
    }

    public static void assertConforms(String type, String json) {
        assertThat(EventSchemas.violations(type, json))
                .as("event of type %s violates its schema: %s", type, json)
                .isEmpty();
    }
}
