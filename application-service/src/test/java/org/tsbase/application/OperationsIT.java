package org.tsbase.application;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What operators and the gateway rely on: anonymous health and API docs, everything else behind a token. */
class OperationsIT extends IntegrationTestSupport {

    @Test
    void healthAndApiDocsAreAnonymousAndTheApiIsNot() {
        assertThat(get("/actuator/health", null).status()).isEqualTo(200);
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").propertyNames()).contains("/api/calls", "/api/calls/{callId}",
                "/api/applications", "/api/applications/{id}", "/api/applications/{id}/submit",
                "/api/applications/{id}/withdraw", "/api/applications/{id}/district-opinion",
                "/api/applications/{id}/city-opinion", "/api/applications/{id}/attachments",
                "/api/applications/{id}/attachments/{attachmentId}");
        Response none = get("/api/applications", null);
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("Content-Type")).startsWith("application/problem+json");
        assertThat(get("/api/calls", null).status()).isEqualTo(401);
    }
}
