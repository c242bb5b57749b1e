package org.tsbase.gateway.apidocs;

import java.util.List;
import java.util.Map;

import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GatewayServers} in a docs route: replaces the {@code servers} of a service's OpenAPI
 * document with the gateway itself ({@code "/"}), so "Try it out" in the aggregated Swagger UI
 * goes through the gateway (token check, rate limit) instead of to the service's own port.
 * A body that is not an OpenAPI JSON object passes unchanged.
 */
@Component
class GatewayServersGatewayFilterFactory extends AbstractGatewayFilterFactory<Object> {

    private final ModifyResponseBodyGatewayFilterFactory modifyResponseBody;
    private final JsonMapper json;

    GatewayServersGatewayFilterFactory(ModifyResponseBodyGatewayFilterFactory modifyResponseBody, JsonMapper json) {
        super(Object.class);
        this.modifyResponseBody = modifyResponseBody;
        this.json = json;
    }

    @Override
    public GatewayFilter apply(Object config) {
        return modifyResponseBody.apply(new ModifyResponseBodyGatewayFilterFactory.Config()
                .setRewriteFunction(String.class, String.class,
                        (exchange, body) -> Mono.justOrEmpty(body).map(this::pointServersAtGateway)));
    }

    String pointServersAtGateway(String document) {
        try {
            JsonNode root = json.readTree(document);
            if (!(root instanceof ObjectNode openApi) || !openApi.has("openapi")) {
                return document;
            }
            openApi.set("servers", json.valueToTree(List.of(Map.of("url", "/", "description", "TS-Base gateway"))));
            return json.writeValueAsString(openApi);
        } catch (JacksonException notJson) {
            return document;
        }
    }
}
