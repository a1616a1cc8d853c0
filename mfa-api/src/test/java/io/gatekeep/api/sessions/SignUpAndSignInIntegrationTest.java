package io.gatekeep.api.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class SignUpAndSignInIntegrationTest extends ApiIntegrationTest {

    @Test
    void confirmedSignUpCreatesOrganizationWithOwnerAndRecordsEvent() {
        String email = uniqueEmail("founder");
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Acme",
                                "email",
                                email,
                                "password",
                                PASSWORD,
                                "displayName",
                                "Fay Founder"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFICATION_PENDING")
                .jsonPath("$.password")
                .doesNotExist();
        String session = (String) verifySignup(signupToken(email))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("sessionToken");

        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.email")
                .isEqualTo(email)
                .jsonPath("$.user.displayName")
                .isEqualTo("Fay Founder")
                .jsonPath("$.organizations[0].name")
                .isEqualTo("Acme")
                .jsonPath("$.organizations[0].role")
                .isEqualTo("OWNER");

        Integer events = jdbc.queryForObject("""
                select count(*) from outbox_event where event_type = 'io.gatekeep.account.signed-up'
                and payload ->> 'email' = ?""", Integer.class, email);
        assertThat(events).isEqualTo(1);
        assertThat(jdbc.queryForList(
                        "select payload::text from outbox_event where payload ->> 'email' = ?", String.class, email))
                .hasSize(2) // signup-requested, signed-up
                .allSatisfy(payload -> assertThat(payload)
                        .doesNotContain(PASSWORD)
                        .doesNotContainIgnoringCase("hash")
                        .doesNotContainIgnoringCase("token"));
    }

    @Test
    void secondSignUpWithSameEmailInAnyCaseCreatesNothing() {
        Account owner = signedUpOwner();
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Copycat",
                                "email",
                                owner.email().toUpperCase(),
                                "password",
                                PASSWORD,
                                "displayName",
                                "Copy Cat"))
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFICATION_PENDING");
        assertThat(jdbc.queryForObject(
                        "select count(*) from signup_request where lower(email) = lower(?)",
                        Integer.class,
                        owner.email()))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from organization where name = 'Copycat'", Integer.class))
                .isZero();
    }

    @Test
    void signInAnswersSessionTokenThatOpensProfile() {
        Account owner = signedUpOwner();
        Map<?, ?> signIn = post(
                        "/api/v1/auth/sign-in", Map.of("email", owner.email().toUpperCase(), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(signIn.get("status")).isEqualTo("AUTHENTICATED");
        assertThat((String) signIn.get("sessionToken")).matches("[A-Za-z0-9_-]{43}");
        assertThat(signIn.get("expiresAt")).isNotNull();

        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + signIn.get("sessionToken"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.id")
                .isEqualTo(owner.userId().toString())
                .jsonPath("$.user.email")
                .isEqualTo(owner.email())
                .jsonPath("$.user.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.organizations[0].id")
                .isEqualTo(owner.organizationId().toString())
                .jsonPath("$.organizations[0].role")
                .isEqualTo("OWNER")
                .jsonPath("$.organizations[0].permissions[0]")
                .isEqualTo("MANAGE_ORG_ACCESS")
                .jsonPath("$.mfaEnabled")
                .isEqualTo(false)
                .jsonPath("$.mfaRequired")
                .isEqualTo(false);
    }

    @Test
    void storesOnlyTheHashOfSessionTokens() {
        Account owner = signedUpOwner();
        List<Map<String, Object>> sessions = jdbc.queryForList(
                "select token_hash, kind, client_ip from auth_session where user_id = ?", owner.userId());
        assertThat(sessions).hasSize(1);
        assertThat((byte[]) sessions.get(0).get("token_hash"))
                .hasSize(32)
                .isEqualTo(SessionTokens.sha256(owner.token()));
        assertThat(sessions.get(0).get("kind")).isEqualTo("FULL");
    }

    @Test
    void signInRecordsSignedInEventWithTheAddressTheTrustedProxyAdded() {
        Account owner = signedUpOwner();
        web.post()
                .uri("/api/v1/auth/sign-in")
                .header("X-Forwarded-For", "203.0.113.7, 10.0.0.1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", owner.email(), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();

        List<Map<String, Object>> rows = outboxRows("io.gatekeep.account.signed-in", owner.userId());
        assertThat(rows).hasSize(2);
        Map<String, Object> last = rows.get(1);
        // the test client is the trusted proxy: it added 10.0.0.1; "203.0.113.7" is whatever the client wrote
        assertThat(payload(last)).containsEntry("clientIp", "10.0.0.1").containsEntry("method", "PASSWORD");
        assertThat(last.get("topic")).isEqualTo("account");
        // written PENDING in the sign-in's transaction; the relay may have published it already
        assertThat(last.get("status")).isIn("PENDING", "PUBLISHED");
        assertThat(last.get("subject")).isEqualTo("user/" + owner.userId());
        assertThat(last.get("source")).isEqualTo("/gatekeep/mfa-api");
        assertThat(last.get("next_attempt_at")).isEqualTo(last.get("occurred_at"));
    }

    @Test
    void unknownEmailAndWrongPasswordGetIdenticalAnswers() {
        Account owner = signedUpOwner();
        byte[] wrongPassword = post(
                        "/api/v1/auth/sign-in", Map.of("email", owner.email(), "password", "not the password at all"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] unknownEmail = post(
                        "/api/v1/auth/sign-in",
                        Map.of("email", uniqueEmail("nobody"), "password", "not the password at all"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(new String(wrongPassword))
                .isEqualTo(new String(unknownEmail))
                .contains("\"invalid_credentials\"");
        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "BAD_PASSWORD"));
    }

    @Test
    void signOutRevokesTheSession() {
        Account owner = signedUpOwner();
        web.post()
                .uri("/api/v1/auth/sign-out")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isNoContent();

        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        assertThat(outboxRows("io.gatekeep.account.signed-out", owner.userId())).hasSize(1);
    }

    @Test
    void sessionExpiresAfterItsLifetime() {
        Account owner = signedUpOwner();
        // used every 1 h 59 min 50 s, never idle for the 2 h idle timeout, until just before its 12 h TTL
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofHours(2).minusSeconds(10));
            web.get()
                    .uri("/api/v1/me")
                    .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        clock.advance(Duration.ofMinutes(2));
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }

    @Test
    void refusesRequestsWithoutOrWithUnknownToken() {
        web.get()
                .uri("/api/v1/me")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + SessionTokens.newToken())
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer not a token!")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
    }
}
