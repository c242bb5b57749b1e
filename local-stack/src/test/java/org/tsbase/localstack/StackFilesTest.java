package org.tsbase.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StackFilesTest {
    private static final Path ROOT = Path.of("/work/tsbase");

    private static JsonNode stackJson(StackConfig config) {
        PartCommands commands =
                new PartCommands(config, new LauncherFiles(config.localStackTarget()), "file:/k.pem", 1, "java");
        Map<String, Object> json = StackFiles.stack(config, commands, Path.of("/k.pem"), Map.of(), "running",
                Instant.parse("2026-11-26T08:00:00Z"));
        return Json.MAPPER.valueToTree(json);
    }

    @Test
    void stackJsonSaysWhereEverythingListens() {
        JsonNode json = stackJson(StackConfig.builder().projectRoot(ROOT).build());

        assertThat(json.path("state").asText()).isEqualTo("running");
        assertThat(json.path("gateway").asText()).isEqualTo("http://127.0.0.1:8080");
        assertThat(json.path("apiDocs").asText()).isEqualTo("http://127.0.0.1:8080/swagger-ui.html");
        assertThat(json.path("smtp").asText()).isEqualTo("127.0.0.1:3025");
        assertThat(json.path("imap").asText()).isEqualTo("127.0.0.1:3143");
        assertThat(json.path("mailApi").asText()).isEqualTo("http://127.0.0.1:8089");
        assertThat(json.path("mailReader").asText()).isEqualTo("http://127.0.0.1:8089/api/user/{address}/messages/INBOX");
        assertThat(json.path("kafka").asText()).isEqualTo("127.0.0.1:19092");
        assertThat(json.path("mongo").asText()).isEqualTo("mongodb://127.0.0.1:27018/");
        assertThat(json.path("services").fieldNames()).toIterable().containsExactly(
                "contact-service", "application-service", "scoring-service", "notification-service", "gateway");
        assertThat(json.at("/services/application-service/url").asText()).isEqualTo("http://127.0.0.1:8081");
        assertThat(json.at("/services/application-service/health").asText())
                .isEqualTo("http://127.0.0.1:8081/actuator/health");
        assertThat(json.at("/services/application-service/mongoDatabase").asText()).isEqualTo("tsbase-applications");
        assertThat(json.path("tokens").asText()).isEqualTo(ROOT.resolve("data/dev-tokens.json").toString());
        assertThat(json.path("publicKey").asText()).isEqualTo("/k.pem");
    }

    @Test
    void anInfrastructureOnlyStackListsNoGatewayAndNoServices() {
        JsonNode json = stackJson(StackConfig.builder().projectRoot(ROOT).parts(EnumSet.of(Part.KAFKA, Part.MONGO))
                .build());

        assertThat(json.has("gateway")).isFalse();
        assertThat(json.has("services")).isFalse();
        assertThat(json.has("smtp")).isFalse();
        assertThat(json.path("kafka").asText()).isEqualTo("127.0.0.1:19092");
    }
}
