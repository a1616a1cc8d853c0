package io.gatekeep.api.passwords;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.sessions.SessionTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Password reset through a one-time emailed link; password change by the signed-in holder. */
class PasswordResetIntegrationTest extends ApiIntegrationTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    @Test
    void askingForAResetAnswersTheSameForAnyAddress() {
        Account owner = signedUpOwner();
        byte[] known = requestReset(owner.email())
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] unknown = requestReset(uniqueEmail("nobody"))
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(new String(known)).isEqualTo(new String(unknown)).isEqualTo("{\"status\":\"RESET_REQUESTED\"}");
        assertThat(outboxRows("io.gatekeep.account.password-reset-requested", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(row.get("payload").toString()).doesNotContainIgnoringCase("token"));
        assertThat(jdbc.queryForObject(
                        "select count(*) from password_reset where user_id = ?", Integer.class, owner.userId()))
                .isEqualTo(1);
    }

    @Test
    void theResetLinkSetsThePasswordEndsEverySessionAndWorksOnce() {
        Account owner = signedUpOwner();
        String otherSession = signIn(owner.email(), PASSWORD);
        requestReset(owner.email()).expectStatus().isAccepted();
        String token = resetToken(owner.userId());

        confirm(token, NEW_PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PASSWORD_CHANGED");

        me(owner.token()).expectStatus().isUnauthorized();
        me(otherSession).expectStatus().isUnauthorized();
        post("/api/v1/auth/sign-in", Map.of("email", owner.email(), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        signIn(owner.email(), NEW_PASSWORD);
        expectProblem(confirm(token, "yet another passphrase"), 400, "invalid_token");
        assertThat(payload(outboxRows("io.gatekeep.account.password-changed", owner.userId())
                        .get(0)))
                .containsEntry("via", "RESET")
                .containsEntry("sessionsEnded", 2);
    }

    @Test
    void usingOneLinkKillsTheOthers() {
        Account owner = signedUpOwner();
        requestReset(owner.email()).expectStatus().isAccepted();
        String first = resetToken(owner.userId());
        requestReset(owner.email()).expectStatus().isAccepted();
        String second = resetToken(owner.userId());

        confirm(second, NEW_PASSWORD).expectStatus().isOk();
        expectProblem(confirm(first, "yet another passphrase"), 400, "invalid_token");
    }

    @Test
    void anExpiredLinkChangesNothing() {
        Account owner = signedUpOwner();
        requestReset(owner.email()).expectStatus().isAccepted();
        String token = resetToken(owner.userId());
        clock.advance(Duration.ofHours(1));

        expectProblem(confirm(token, NEW_PASSWORD), 410, "token_expired");
        expectProblem(confirm(SessionTokens.newToken(), NEW_PASSWORD), 400, "invalid_token");
        me(owner.token()).expectStatus().isOk();
        signIn(owner.email(), PASSWORD);
    }

    @Test
    void theNewPasswordFollowsThePasswordRules() {
        Account owner = signedUpOwner();
        requestReset(owner.email()).expectStatus().isAccepted();
        confirm(resetToken(owner.userId()), "short")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("newPassword");
    }

    @Test
    void resetEmailsAreLimitedPerEmailAddress() {
        String email = uniqueEmail("target");
        for (int i = 0; i < 5; i++) {
            requestReset(email).expectStatus().isAccepted();
        }
        requestReset(email)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");
    }

    @Test
    void changingThePasswordNeedsTheCurrentOneAndEndsTheOtherSessions() {
        Account owner = signedUpOwner();
        String otherSession = signIn(owner.email(), PASSWORD);

        change(owner.token(), "not the current one", NEW_PASSWORD)
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("currentPassword");
        me(otherSession).expectStatus().isOk();

        change(owner.token(), PASSWORD, NEW_PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("PASSWORD_CHANGED");
        me(owner.token()).expectStatus().isOk();
        me(otherSession).expectStatus().isUnauthorized();
        signIn(owner.email(), NEW_PASSWORD);
        assertThat(payload(outboxRows("io.gatekeep.account.password-changed", owner.userId())
                        .get(0)))
                .containsEntry("via", "CHANGE")
                .containsEntry("sessionsEnded", 1);
    }

    @Test
    void changingThePasswordNeedsASession() {
        web.put()
                .uri("/api/v1/me/password")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", PASSWORD, "newPassword", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    private WebTestClient.ResponseSpec requestReset(String email) {
        return post("/api/v1/password-reset", Map.of("email", email)).exchange();
    }

    private WebTestClient.ResponseSpec confirm(String token, String newPassword) {
        return post("/api/v1/password-reset/confirm", Map.of("token", token, "newPassword", newPassword))
                .exchange();
    }

    private WebTestClient.ResponseSpec change(String session, String current, String next) {
        return web.put()
                .uri("/api/v1/me/password")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
                .header("X-Forwarded-For", randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("currentPassword", current, "newPassword", next))
                .exchange();
    }

    private WebTestClient.ResponseSpec me(String session) {
        return web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
                .exchange();
    }

    /** What the worker does when it writes the reset email: a token whose hash the newest reset keeps. */
    private String resetToken(UUID userId) {
        String token = SessionTokens.newToken();
        jdbc.update("""
                update password_reset set token_hash = ?
                where id = (select id from password_reset where user_id = ? and token_hash is null
                            order by created_at desc limit 1)""", SessionTokens.sha256(token), userId);
        return token;
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
