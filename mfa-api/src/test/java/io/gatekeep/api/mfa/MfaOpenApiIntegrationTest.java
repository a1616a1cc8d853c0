package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MfaOpenApiIntegrationTest extends MfaHttpTest {

    @Test
    void documentsTheMfaEndpointsAndProblemCodes() {
        String docs = web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(docs)
                .contains(
                        "/api/v1/me/mfa/setup",
                        "/api/v1/me/mfa/setup/qr",
                        "/api/v1/me/mfa/setup/verify",
                        "\"/api/v1/me/mfa\"",
                        "/api/v1/auth/mfa");
        assertThat(docs)
                .contains(
                        "qr_expired",
                        "setup_session_expired",
                        "invalid_code",
                        "code_already_used",
                        "challenge_expired",
                        "locked_out",
                        "mfa_already_enabled",
                        "mfa_enforced",
                        "mfa_setup_required");
        assertThat(docs).doesNotContain("#/components/responses/MfaMissing");
        for (String ref : new String[] {
            "MfaConflict",
            "MfaDisableConflict",
            "SetupSessionExpired",
            "QrExpired",
            "InvalidCode",
            "SignInCodeRefused",
            "ChallengeExpired",
            "LockedOut"
        }) {
            assertThat(docs).contains("\"" + ref + "\":{");
        }
    }
}
