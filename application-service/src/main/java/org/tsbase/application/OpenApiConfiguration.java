package org.tsbase.application;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The service's OpenAPI document (aggregated by the gateway at /v3/api-docs/application). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI applicationServiceApi() {
        return new OpenAPI()
                .info(new Info().title("TS-Base application-service").version("v1").description("""
                        Calls for applications (申报批次) and applications for Trade Secret Protection Demonstration \
                        Bases: 示范点 (POINT, 附件2) and 示范区 (ZONE, 附件3), with evidence, attachments, workflow and \
                        opinions. Errors are application/problem+json, Chinese by default, English with \
                        Accept-Language: en. Responses carry the version as ETag; edits send it in If-Match."""))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
