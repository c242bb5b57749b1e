package org.tsbase.gateway.apidocs;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.factory.rewrite.ModifyResponseBodyGatewayFilterFactory;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class GatewayServersGatewayFilterFactoryTest {

    private final GatewayServersGatewayFilterFactory factory = new GatewayServersGatewayFilterFactory(
            new ModifyResponseBodyGatewayFilterFactory(List.of(), Set.of(), Set.of()), JsonMapper.builder().build());

    @Test
    void serviceUrlIsReplacedByTheGateway() {
        String rewritten = factory.pointServersAtGateway("""
                {"openapi":"3.1.0","info":{"title":"application-service"},"servers":[{"url":"http://127.0.0.1:8081"}],"paths":{}}""");

        assertThat(rewritten)
                .doesNotContain("8081")
                .contains("\"servers\":[{")
                .contains("\"url\":\"/\"")
                .contains("\"title\":\"application-service\"");
    }

    @Test
    void anythingElsePassesUnchanged() {
        assertThat(factory.pointServersAtGateway("not json")).isEqualTo("not json");
        assertThat(factory.pointServersAtGateway("{\"status\":503}")).isEqualTo("{\"status\":503}");
    }
}
