package org.tsbase.gateway.apidocs;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gateway's own entry in the aggregated Swagger UI; the services' documents are fetched
 * through the {@code /v3/api-docs/<service>} routes (see {@code springdoc.swagger-ui.urls}).
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    @Bean
    OpenAPI gatewayOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("TS-Base gateway")
                        .version("v1")
                        .description("""
                                Single entry point for the TS-Base API. Every /api/** request needs an RS256 \
                                bearer token (audience tsbase); the gateway checks it, rate limits per caller \
                                and relays the request with its Authorization and X-Request-Id headers. Errors \
                                produced by the gateway itself are application/problem+json, Chinese by \
                                default, English with Accept-Language: en. Pick a service in the list above \
                                for its operations."""))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
