package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.sessions.SessionTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/**
 * A password reset never turns MFA off; changing the password with MFA on needs a session whose second factor
 * was verified within the step-up window.
 */
class PasswordsWithMfaIntegrationTest extends MfaHttpTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void aPasswordResetKeepsMfaOn() {
        Enrolled user = enrolledOwner();
        post("/api/v1/password-reset", Map.of("email", user.email()))
                .exchange()
                .expectStatus()
                .isAccepted();
        String token = SessionTokens.newToken();
        jdbc.update(
                "update password_reset set token_hash = ? where user_id = ?",
                SessionTokens.sha256(token),
                user.userId());

        post("/api/v1/password-reset/confirm", Map.of("token", token, "newPassword", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();

        Map<String, Object> step = post("/api/v1/auth/sign-in", Map.of("email", user.email(), "password", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(step.get("status")).isEqualTo("MFA_REQUIRED");
    }

    @Test
    void changingThePasswordWithMfaOnNeedsAnMfaVerifiedSession() {
        Enrolled user = enrolledOwner();
        // the session that turned MFA on proved a code then; a quarter of an hour later that proof is stale
        clock.advance(Duration.ofMinutes(16));
        withBearer(
                        HttpMethod.PUT,
                        "/api/v1/me/password",
                        user.account().token(),
                        Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_step_up_required");

        String verified = signInWithMfa(user);
        withBearer(
                        HttpMethod.PUT,
                        "/api/v1/me/password",
                        verified,
                        Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();
        me(user.account().token()).expectStatus().isUnauthorized();
        me(verified).expectStatus().isOk();
    }
}
