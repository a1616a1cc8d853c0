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

/** Answering an invitation: the only way a membership is made, and only by the invited address. */
class InvitationAcceptanceIntegrationTest extends ApiIntegrationTest {

    private static final String NEW_PASSWORD = "a brand new passphrase";

    private Account owner;
    private String inviteeEmail;
    private UUID invitationId;
    private UUID inviteeId;

    @BeforeEach
    void ownerInvitesNewcomer() {
        owner = signedUpOwner();
        inviteeEmail = uniqueEmail("invitee");
        invitationId = invite(owner, inviteeEmail, "ADMIN");
        inviteeId = jdbc.queryForObject("select user_id from invitation where id = ?", UUID.class, invitationId);
    }

    private WebTestClient.ResponseSpec accept(String token, String password) {
        return post("/api/v1/invitations/accept", Map.of("token", token, "password", password))
                .exchange();
    }

    private WebTestClient.ResponseSpec decline(String token) {
        return post("/api/v1/invitations/decline", Map.of("token", token)).exchange();
    }

    private int memberships(UUID userId) {
        return jdbc.queryForObject(
                "select count(*) from membership where organization_id = ? and user_id = ?",
                Integer.class,
                owner.organizationId(),
                userId);
    }

    @Test
    void noMembershipExistsBeforeTheInvitationIsAccepted() {
        assertThat(memberships(inviteeId)).isZero();
    }

    @Test
    void newAddressAcceptsWithPasswordWhichActivatesItAndMakesTheOfferedMembership() {
        String token = invitationToken(invitationId);
        accept(token, NEW_PASSWORD)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.userId")
                .isEqualTo(inviteeId.toString())
                .jsonPath("$.organizationId")
                .isEqualTo(owner.organizationId().toString())
                .jsonPath("$.status")
                .isEqualTo("ACTIVE");

        assertThat(jdbc.queryForObject("select status from app_user where id = ?", String.class, inviteeId))
                .isEqualTo("ACTIVE");
        assertThat(jdbc.queryForObject("select joined_via from membership where user_id = ?", String.class, inviteeId))
                .isEqualTo("INVITATION");
        assertThat(outboxRows("io.gatekeep.account.invitation-accepted", inviteeId))
                .hasSize(1);
        String session = signIn(inviteeEmail, NEW_PASSWORD);
        web.get()
                .uri("/api/v1/me")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + session)
                .exchange()
                .expectBody()
                .jsonPath("$.organizations[0].role")
                .isEqualTo("ADMIN");
    }

    @Test
    void existingAccountAcceptsWithItsOwnSessionAndNoPassword() {
        Account existing = signedUpOwner();
        UUID invitation = invite(owner, existing.email(), "MEMBER");

        acceptWithSession(invitationToken(invitation), existing.token())
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.userId")
                .isEqualTo(existing.userId().toString());

        assertThat(memberships(existing.userId())).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select joined_via from membership where organization_id = ? and user_id = ?",
                        String.class,
                        owner.organizationId(),
                        existing.userId()))
                .isEqualTo("INVITATION");
        signIn(existing.email(), existing.password());
    }

    @Test
    void existingAccountCannotAcceptWithAPasswordInsteadOfItsSession() {
        Account existing = signedUpOwner();
        String token = invitationToken(invite(owner, existing.email(), "MEMBER"));

        accept(token, NEW_PASSWORD)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("sign_in_required");

        assertThat(memberships(existing.userId())).isZero();
        signIn(existing.email(), existing.password());
        post("/api/v1/auth/sign-in", Map.of("email", existing.email(), "password", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void tokenForAddressACannotBeAcceptedBySessionOfAccountB() {
        Account victim = signedUpOwner();
        Account attacker = signedUpOwner();
        String token = invitationToken(invite(owner, victim.email(), "OWNER"));

        acceptWithSession(token, attacker.token())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invitation_for_another_account");

        assertThat(memberships(attacker.userId())).isZero();
        assertThat(memberships(victim.userId())).isZero();
        acceptWithSession(token, victim.token()).expectStatus().isOk();
    }

    @Test
    void accountWithMfaAcceptsOnlyFromAnMfaVerifiedSession() {
        Account existing = signedUpOwner();
        // an active credential, as after setup: the session predates it, so it was not verified with it
        jdbc.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at)
                values (?, ?, 'test', ?, ?, now(), now())""", UUID.randomUUID(), existing.userId(), new byte[12], new byte[36]);
        String token = invitationToken(invite(owner, existing.email(), "MEMBER"));

        acceptWithSession(token, existing.token())
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_verification_required");
        assertThat(memberships(existing.userId())).isZero();

        jdbc.update(
                "update auth_session set mfa_verified = true, mfa_verified_at = now() where token_hash = ?",
                SessionTokens.sha256(existing.token()));
        acceptWithSession(token, existing.token()).expectStatus().isOk();
    }

    @Test
    void declinedInvitationMakesNothingAndCannotBeAcceptedAfterwards() {
        String token = invitationToken(invitationId);

        decline(token).expectStatus().isOk().expectBody().jsonPath("$.status").isEqualTo("DECLINED");

        assertThat(memberships(inviteeId)).isZero();
        assertThat(outboxRows("io.gatekeep.account.invitation-declined", inviteeId))
                .hasSize(1);
        accept(token, NEW_PASSWORD)
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invitation_already_used");
        decline(token).expectStatus().isEqualTo(409);
    }

    @Test
    void invitedUserCannotSignInBeforeAccepting() {
        post("/api/v1/auth/sign-in", Map.of("email", inviteeEmail, "password", NEW_PASSWORD))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_credentials");
        assertThat(outboxRows("io.gatekeep.account.sign-in-failed", inviteeId))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "NOT_ACTIVE"));
    }

    @Test
    void tokenWorksOnlyOnce() {
        String token = invitationToken(invitationId);
        accept(token, NEW_PASSWORD).expectStatus().isOk();
        accept(token, "another new passphrase")
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invitation_already_used");
        signIn(inviteeEmail, NEW_PASSWORD);
    }

    @Test
    void tokenExpiresAfterSevenDays() {
        String token = invitationToken(invitationId);
        clock.advance(Duration.ofDays(7));
        accept(token, NEW_PASSWORD)
                .expectStatus()
                .isEqualTo(410)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invitation_expired");
        assertThat(jdbc.queryForObject("select status from app_user where id = ?", String.class, inviteeId))
                .isEqualTo("INVITED");
    }

    @Test
    void tokenIsAcceptedJustBeforeExpiry() {
        String token = invitationToken(invitationId);
        clock.advance(Duration.ofDays(7).minusSeconds(1));
        accept(token, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void unknownTokenIsNotFound() {
        invitationToken(invitationId);
        accept(SessionTokens.newToken(), NEW_PASSWORD)
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invitation_not_found");
    }

    @Test
    void weakOrMissingPasswordIsRefusedAndTokenStaysUsable() {
        String token = invitationToken(invitationId);
        accept(token, "aaaaaaaaaaaaaaaa")
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("validation_failed")
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        post("/api/v1/invitations/accept", Map.of("token", token))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].field")
                .isEqualTo("password");
        accept(token, NEW_PASSWORD).expectStatus().isOk();
    }

    @Test
    void cancelledInvitationCannotBeAcceptedAnymore() {
        String token = invitationToken(invitationId);
        web.delete()
                .uri("/api/v1/organizations/{org}/invitations/{id}", owner.organizationId(), invitationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                .exchange()
                .expectStatus()
                .isNoContent();
        assertThat(outboxRows("io.gatekeep.account.invitation-cancelled", inviteeId))
                .hasSize(1);
        accept(token, NEW_PASSWORD).expectStatus().isNotFound();
    }

    @Test
    void aNewInvitationReplacesTheOpenOne() {
        String first = invitationToken(invitationId);
        UUID second = invite(owner, inviteeEmail, "MEMBER");

        accept(first, NEW_PASSWORD).expectStatus().isNotFound();
        accept(invitationToken(second), NEW_PASSWORD).expectStatus().isOk();
        assertThat(jdbc.queryForObject("select role from membership where user_id = ?", String.class, inviteeId))
                .isEqualTo("MEMBER");
    }
}
