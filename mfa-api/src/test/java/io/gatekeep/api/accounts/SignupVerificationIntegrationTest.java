package io.gatekeep.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/** Signup proves the address: nothing signs in, and nothing is owned, until the emailed link is opened. */
class SignupVerificationIntegrationTest extends ApiIntegrationTest {

    private static final String SQUATTER_PASSWORD = "squatter's own password";

    @Test
    void answersTheSameForAnAddressWithAnAccountAndCreatesNothingForIt() {
        Account owner = signedUpOwner();
        byte[] existing = requestSignup(owner.email(), "another password entirely")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] fresh = requestSignup(uniqueEmail("fresh"), "another password entirely")
                .expectStatus()
                .isAccepted()
                .expectBody()
                .returnResult()
                .getResponseBody();

        assertThat(new String(existing))
                .isEqualTo(new String(fresh))
                .isEqualTo("{\"status\":\"VERIFICATION_PENDING\"}");
        assertThat(pendingSignups(owner.email())).isZero();
        assertThat(payload(outboxRows("io.gatekeep.account.signup-requested", owner.userId())
                        .get(0)))
                .containsEntry("userId", owner.userId().toString())
                .containsEntry("signupId", null);
        signIn(owner.email(), owner.password());
    }

    @Test
    void anUnconfirmedSignupCannotSignInAndLearnsItsStateOnlyWithItsPassword() {
        String email = uniqueEmail("pending");
        requestSignup(email, PASSWORD).expectStatus().isAccepted();

        signInAttempt(email, PASSWORD)
                .expectStatus()
                .isForbidden()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("email_not_verified");
        byte[] wrong = signInAttempt(email, "not the password at all")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult()
                .getResponseBody();
        byte[] nobody = signInAttempt(uniqueEmail("nobody"), "not the password at all")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(wrong)).isEqualTo(new String(nobody)).contains("\"invalid_credentials\"");
        assertThat(jdbc.queryForObject(
                        "select count(*) from app_user where lower(email) = lower(?)", Integer.class, email))
                .isZero();
    }

    @Test
    void signingInWithTheRightPasswordResendsTheConfirmationAtMostEveryTenMinutes() {
        String email = uniqueEmail("resend");
        requestSignup(email, PASSWORD).expectStatus().isAccepted();
        signInAttempt(email, PASSWORD).expectStatus().isForbidden();
        assertThat(resends(email))
                .as("the signup's own email went out just now")
                .isZero();

        clock.advance(Duration.ofMinutes(10));
        signInAttempt(email, PASSWORD).expectStatus().isForbidden();
        signInAttempt(email, PASSWORD).expectStatus().isForbidden();
        assertThat(resends(email)).isEqualTo(1);
        signInAttempt(email, "not the password at all").expectStatus().isUnauthorized();

        clock.advance(Duration.ofMinutes(10));
        signInAttempt(email, PASSWORD).expectStatus().isForbidden();
        assertThat(resends(email)).isEqualTo(2);
    }

    @Test
    void confirmingCreatesTheAccountAndItsOrganizationAndSignsIn() {
        String email = uniqueEmail("confirm");
        requestSignup(email, PASSWORD).expectStatus().isAccepted();
        String token = signupToken(email);

        Map<?, ?> signedIn = verifySignup(token)
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();

        assertThat(signedIn.get("status")).isEqualTo("AUTHENTICATED");
        assertThat(signedIn.get("expiresAt")).isNotNull();
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + signedIn.get("sessionToken"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.user.status")
                .isEqualTo("ACTIVE")
                .jsonPath("$.organizations[0].role")
                .isEqualTo("OWNER");
        Map<String, Object> membership = jdbc.queryForMap("""
                select m.joined_via, m.role_since, m.created_at from membership m join app_user u on u.id = m.user_id
                where lower(u.email) = lower(?)""", email);
        assertThat(membership.get("joined_via")).isEqualTo("CREATED");
        assertThat(membership.get("role_since")).isEqualTo(membership.get("created_at"));
        assertThat(pendingSignups(email)).isZero();
        signIn(email, PASSWORD);

        expectProblem(verifySignup(token), 400, "invalid_token");
    }

    @Test
    void unknownAndExpiredTokensAreRefused() {
        expectProblem(verifySignup(io.gatekeep.api.sessions.SessionTokens.newToken()), 400, "invalid_token");

        String email = uniqueEmail("late");
        requestSignup(email, PASSWORD).expectStatus().isAccepted();
        String token = signupToken(email);
        clock.advance(Duration.ofHours(24));
        expectProblem(verifySignup(token), 410, "token_expired");
        assertThat(jdbc.queryForObject(
                        "select count(*) from app_user where lower(email) = lower(?)", Integer.class, email))
                .isZero();
    }

    @Test
    void aLaterSignupReplacesThePendingOneWhoseTokenStopsWorking() {
        String email = uniqueEmail("twice");
        requestSignup(email, "the first password").expectStatus().isAccepted();
        String first = signupToken(email);
        requestSignup(email.toUpperCase(), "the second password").expectStatus().isAccepted();
        String second = signupToken(email);

        expectProblem(verifySignup(first), 400, "invalid_token");
        verifySignup(second).expectStatus().isOk();
        signInAttempt(email, "the first password").expectStatus().isUnauthorized();
        signIn(email, "the second password");
    }

    /**
     * Attacker story: a squatter signs up someone else's address first. They cannot sign in with it, cannot block the
     * owner, and their password never works once the owner has signed up and confirmed.
     */
    @Test
    void aSquatterNeverOwnsNorBlocksAnAddress() {
        String victim = uniqueEmail("victim");
        post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Squatted",
                                "email",
                                victim,
                                "password",
                                SQUATTER_PASSWORD,
                                "displayName",
                                "Not The Owner"))
                .exchange()
                .expectStatus()
                .isAccepted();
        expectProblem(signInAttempt(victim, SQUATTER_PASSWORD), 403, "email_not_verified");

        // the owner signs up; only they receive the confirmation email at their address
        Account owner = signedUpOwner(victim, PASSWORD);

        expectProblem(signInAttempt(victim, SQUATTER_PASSWORD), 401, "invalid_credentials");
        requestSignup(victim, SQUATTER_PASSWORD).expectStatus().isAccepted();
        expectProblem(signInAttempt(victim, SQUATTER_PASSWORD), 401, "invalid_credentials");
        assertThat(pendingSignups(victim))
                .as("a signup for an active account stores nothing")
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from organization where name = 'Squatted'", Integer.class))
                .isZero();
        assertThat(jdbc.queryForList(
                        "select organization_id from membership where user_id = ?", UUID.class, owner.userId()))
                .containsExactly(owner.organizationId());
        signIn(victim, PASSWORD);
    }

    @Test
    void anInvitedAddressBecomesTheAccountOfItsConfirmedSignup() {
        Account inviter = signedUpOwner();
        String email = uniqueEmail("invited");
        UUID invitation = invite(inviter, email, "MEMBER");
        UUID invitedUser = jdbc.queryForObject("select user_id from invitation where id = ?", UUID.class, invitation);
        expectProblem(signInAttempt(email, PASSWORD), 401, "invalid_credentials");

        Account founder = signedUpOwner(email, PASSWORD);

        assertThat(founder.userId()).isEqualTo(invitedUser);
        assertThat(founder.organizationId()).isNotEqualTo(inviter.organizationId());
        acceptWithSession(invitationToken(invitation), founder.token())
                .expectStatus()
                .isOk();
    }

    @Test
    void confirmingAfterTheAddressGotAnAccountOtherwiseCreatesNothing() {
        String email = uniqueEmail("raced");
        requestSignup(email, "the first password").expectStatus().isAccepted();
        String token = signupToken(email);
        Account inviter = signedUpOwner();
        UUID invitation = invite(inviter, email, "MEMBER");
        post("/api/v1/invitations/accept", Map.of("token", invitationToken(invitation), "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk();

        expectProblem(verifySignup(token), 400, "invalid_token");
        signInAttempt(email, "the first password").expectStatus().isUnauthorized();
        signIn(email, PASSWORD);
    }

    @Test
    void signupsAreLimitedPerClientAddress() {
        String ip = randomIp();
        for (int i = 0; i < 20; i++) {
            signupFrom(ip, uniqueEmail("flood")).expectStatus().isAccepted();
        }
        signupFrom(ip, uniqueEmail("flood"))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");
    }

    @Test
    void signupsAreLimitedPerEmailAddress() {
        String email = uniqueEmail("mailbomb");
        for (int i = 0; i < 5; i++) {
            requestSignup(email, PASSWORD).expectStatus().isAccepted();
        }
        requestSignup(email, PASSWORD)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("rate_limited");
    }

    private WebTestClient.ResponseSpec signupFrom(String ip, String email) {
        return web.post()
                .uri("/api/v1/signup")
                .header("X-Forwarded-For", ip)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of("organizationName", "Flood", "email", email, "password", PASSWORD, "displayName", "Flo"))
                .exchange();
    }

    private WebTestClient.ResponseSpec signInAttempt(String email, String password) {
        return post("/api/v1/auth/sign-in", Map.of("email", email, "password", password))
                .exchange();
    }

    private int pendingSignups(String email) {
        return jdbc.queryForObject(
                "select count(*) from signup_request where lower(email) = lower(?)", Integer.class, email);
    }

    private int resends(String email) {
        return jdbc.queryForObject("""
                select count(*) from outbox_event
                where event_type = 'io.gatekeep.account.signup-confirmation-resent' and payload ->> 'email' = ?""", Integer.class, email);
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
