package io.gatekeep.api.deskrelay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The cancel link's page posts to its own origin; the API carries the request to the support desk and the desk's
 * answer back, status and {@code code} unchanged, and never the token anywhere but the body.
 */
class DeskCancellationRelayIntegrationTest extends ApiIntegrationTest {

    @Test
    void aValidCancelTokenIsAnsweredByTheDeskWithoutASession() {
        String token = "good" + "a".repeat(28);

        post("/api/v1/desk/cancellations", Map.of("token", token))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectHeader()
                .doesNotExist("Set-Cookie")
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("CANCELLED")
                .jsonPath("$.reference")
                .isEqualTo("MFA-7Q4K2");

        DeskStandIn.Received received = lastReceived(token);
        assertThat(received.pathAndQuery()).isEqualTo("/api/v1/desk/cancellations");
        assertThat(received.authorization()).isNull();
        assertThat(received.cookie()).isNull();
    }

    @Test
    void theDesksRefusalsKeepTheirStatusAndCode() {
        post("/api/v1/desk/cancellations", Map.of("token", "used" + "b".repeat(28)))
                .exchange()
                .expectStatus()
                .isEqualTo(410)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("token_expired");
        post("/api/v1/desk/cancellations", Map.of("token", "late" + "c".repeat(28)))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("not_cancellable");
        post("/api/v1/desk/cancellations", Map.of("token", "unknown"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_token");
    }

    @Test
    void aFailingOrSilentDeskIsAClear503WithoutItsDetails() {
        post("/api/v1/desk/cancellations", Map.of("token", "broken" + "d".repeat(26)))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("desk_unavailable")
                .jsonPath("$.detail")
                .doesNotExist();
        post("/api/v1/desk/cancellations", Map.of("token", "hangs-up"))
                .exchange()
                .expectStatus()
                .isEqualTo(503)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("desk_unavailable");
    }

    @Test
    void aMissingTokenIsRefusedBeforeTheDeskIsAsked() {
        int before = DeskStandIn.INSTANCE.received().size();
        post("/api/v1/desk/cancellations", Map.of())
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed");
        assertThat(DeskStandIn.INSTANCE.received()).hasSize(before);
    }

    @Test
    void theOpenApiDocumentDescribesTheCancellation() {
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/desk/cancellations'].post.responses['200']")
                .exists()
                .jsonPath("$.paths['/api/v1/desk/cancellations'].post.responses['410']")
                .exists()
                .jsonPath("$.paths['/api/v1/desk/cancellations'].post.responses['503']")
                .exists();
    }

    private static DeskStandIn.Received lastReceived(String token) {
        return DeskStandIn.INSTANCE.received().stream()
                .filter(r -> r.body().contains(token))
                .reduce((a, b) -> b)
                .orElseThrow();
    }
}
