package io.gatekeep.api.invitations;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.sessions.SessionTokens;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

class InvitationAcceptanceIntegrationTest extends ApiIntegrationTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private Account owner;
    private String inviteeEmail;
    private UUID inviteeId;

    @BeforeEach
    void ownerInvitesNewcomer() {
        owner = signedUpOwner();
        inviteeEmail = uniqueEmail("invitee");
        Map<?, ?> body = web.post().uri("/api/v1/organizations/{org}/members", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", inviteeEmail, "displayName", "Ivy Invitee", "role", "MEMBER"))
                .exchange().expectStatus().isCreated()
                .expectBody(Map.class).returnResult().getResponseBody();
        inviteeId = UUID.fromString((String) body.get("userId"));
    }

    /** What the worker does when it writes the invitation email. */
    private String workerIssuesToken() {
        String token = SessionTokens.newToken();
        jdbc.update("update invitation set token_hash = ? where user_id = ?", SessionTokens.sha256(token), inviteeId);
        return token;
    }

    private WebTestClient.ResponseSpec accept(String token, String password) {
        return post("/api/v1/invitations/accept", Map.of("token", token, "password", password)).exchange();
    }

    @Test
    void acceptingSetsPasswordActivatesUserAndAllowsSignIn() {
        String token = workerIssuesToken();
        accept(token, NEW_PASSWORD)
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.userId").isEqualTo(inviteeId.toString())
                .jsonPath("$.organizationId").isEqualTo(owner.organizationId().toString())
                .jsonPath("$.status").isEqualTo("ACTIVE");

        assertThat(jdbc.queryForObject("select status from app_user where id = ?", String.class, inviteeId))
                .isEqualTo("ACTIVE");
        assertThat(outboxRows("io.gatekeep.account.invitation-accepted", inviteeId)).hasSize(1);
        String session = signIn(inviteeEmail, NEW_PASSWORD);
        web.get().uri("/api/v1/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
                .exchange().expectBody().jsonPath("$.organizations[0].role").isEqualTo("MEMBER");
    }

    @Test
    void invitedUserCannotSignInBeforeAccepting() {
        post("/api/v1/auth/sign-in", Map.of("email", inviteeEmail, "password", NEW_PASSWORD))
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_credentials");
        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", inviteeId)).singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "NOT_ACTIVE"));
    }

    @Test
    void tokenWorksOnlyOnce() {
        String token = workerIssuesToken();
        accept(token, NEW_PASSWORD).expectStatus().isOk();
        accept(token, "another new passphrase")
                .expectStatus().isEqualTo(409)
                .expectBody().jsonPath("$.code").isEqualTo("invitation_already_used");
        signIn(inviteeEmail, NEW_PASSWORD);
    }

    @Test
    void tokenExpiresAfterSevenDays() {
        String token = workerIssuesToken();
        clock.advance(Duration.ofDays(7));
        accept(token, NEW_PASSWORD)
                .expectStatus().isEqualTo(410)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invitation_expired");
        assertThat(jdbc.queryForObject("select status from app_user where id = ?", String.class, inviteeId))
                .isEqualTo("INVITED");
    }

    @Test
    void tokenIsAcceptedJustBeforeExpiry() {
        String token = workerIssuesToken();
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        accept(token, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void unknownTokenIsNotFound() {
        workerIssuesToken();
        accept(SessionTokens.newToken(), NEW_PASSWORD)
                .expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("invitation_not_found");
    }

    @Test
    void weakPasswordIsRefusedAndTokenStaysUsable() {
        String token = workerIssuesToken();
        accept(token, "aaaaaaaaaaaaaaaa")
                .expectStatus().isBadRequest()
                .expectBody()
                .jsonPath("$.code").isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field").isEqualTo("password");
        accept(token, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void removedMemberCannotAcceptAnymore() {
        String token = workerIssuesToken();
        web.delete().uri("/api/v1/organizations/{org}/members/{user}", owner.organizationId(), inviteeId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange().expectStatus().isNoContent();
        accept(token, NEW_PASSWORD).expectStatus().isNotFound();
    }
}
