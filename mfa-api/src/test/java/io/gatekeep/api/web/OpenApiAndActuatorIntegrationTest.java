package io.gatekeep.api.web;

import io.gatekeep.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.test.web.reactive.server.WebTestClient;

class OpenApiAndActuatorIntegrationTest extends ApiIntegrationTest {

    @LocalManagementPort
    int managementPort;

    @Test
    void openApiDocumentDescribesEndpointsProblemsAndBearerSecurity() {
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/signup'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/auth/sign-in'].post.responses['401']")
                .exists()
                .jsonPath("$.paths['/api/v1/auth/sign-in'].post.responses['429']")
                .exists()
                .jsonPath("$.paths['/api/v1/auth/sign-out'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/me'].get.security[0].bearer")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/members'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/members'].post.responses['409']")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/members/{userId}'].put")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/members/{userId}'].delete")
                .exists()
                .jsonPath("$.paths['/api/v1/invitations/accept'].post.responses['410']")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/audit'].get")
                .exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme")
                .isEqualTo("bearer")
                .jsonPath("$.components.schemas.Problem.properties.code")
                .exists()
                .jsonPath("$.components.responses.RateLimited.headers['Retry-After']")
                .exists()
                .jsonPath("$.components.responses.Conflict.content['application/problem+json'].examples.last_owner")
                .exists();
    }

    @Test
    void swaggerUiIsServed() {
        web.get().uri("/swagger-ui.html").exchange().expectStatus().is3xxRedirection();
        web.get()
                .uri("/webjars/swagger-ui/index.html")
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void healthReportsDatabaseAndKafkaOnTheManagementPort() {
        WebTestClient management = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + managementPort)
                .responseTimeout(java.time.Duration.ofSeconds(30))
                .build();
        management
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP")
                .jsonPath("$.components.db.status")
                .isEqualTo("UP")
                .jsonPath("$.components.r2dbc.status")
                .isEqualTo("UP")
                .jsonPath("$.components.kafka.status")
                .isEqualTo("UP");
        management
                .get()
                .uri("/actuator/prometheus")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .value(body -> org.assertj.core.api.Assertions.assertThat(body).contains("http_server_requests"));
    }
}
