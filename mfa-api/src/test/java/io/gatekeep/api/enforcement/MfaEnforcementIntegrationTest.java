package io.gatekeep.api.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.sessions.SessionTokens;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The toggle: who may use it, the actor's own MFA and step-up, idempotency and its event. MFA state is written into
 * the tables directly (credential row, the session's MFA pass), as the MFA sign-in flow would leave it.
 */
class MfaEnforcementIntegrationTest extends ApiIntegrationTest {

    private static final String CHANGED = "io.gatekeep.enforcement.changed";

    private Account owner;

    @BeforeEach
    void organizationWhoseOwnerSignedInWithMfa() {
        owner = signedUpOwner();
        withMfaStepUp(owner);
    }

    @Test
    void ownerTurnsEnforcementOnWithOneEventNamingActorAndChange() {
        toggle(owner, Map.of("enforced", true), "203.0.113.7")
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enforced")
                .isEqualTo(true)
                .jsonPath("$.changedBy")
                .isEqualTo(owner.userId().toString())
                .jsonPath("$.changedAt")
                .isNotEmpty()
                .jsonPath("$.revokeNonCompliantSessions")
                .isEqualTo(false);

        assertThat(events()).singleElement().satisfies(row -> {
            assertThat(row.get("topic")).isEqualTo("enforcement");
            assertThat(payload(row))
                    .containsEntry("organizationId", owner.organizationId().toString())
                    .containsEntry("previouslyEnforced", false)
                    .containsEntry("enforced", true)
                    .containsEntry("actorUserId", owner.userId().toString())
                    .containsEntry("clientIp", "203.0.113.7");
        });
        read(owner).expectStatus().isOk().expectBody().jsonPath("$.enforced").isEqualTo(true);
    }

    @Test
    void settingTheCurrentValueChangesNothingAndEmitsNothing() {
        String first = toggle(owner, Map.of("enforced", true))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("changedAt")
                .toString();
        clock.advance(Duration.ofMinutes(5));

        toggle(owner, Map.of("enforced", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.changedAt")
                .isEqualTo(first);
        toggle(owner, Map.of("enforced", false, "revokeNonCompliantSessions", false))
                .expectStatus()
                .isOk();
        toggle(owner, Map.of("enforced", false)).expectStatus().isOk();

        assertThat(events()).extracting(row -> payload(row).get("enforced")).containsExactly(true, false);
        assertThat(payload(events().get(1))).containsEntry("previouslyEnforced", true);
    }

    @Test
    void newEnforcementIsOffAndNeverChanged() {
        read(owner)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.enforced")
                .isEqualTo(false)
                .jsonPath("$.changedAt")
                .doesNotExist()
                .jsonPath("$.changedBy")
                .doesNotExist();
    }

    @Test
    void sessionRevocationOptionIsKeptUntilChangedAndTravelsWithTheEvent() {
        toggle(owner, Map.of("enforced", true, "revokeNonCompliantSessions", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revokeNonCompliantSessions")
                .isEqualTo(true);
        toggle(owner, Map.of("enforced", false))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.revokeNonCompliantSessions")
                .isEqualTo(true);

        assertThat(events())
                .extracting(row -> payload(row).get("revokeNonCompliantSessions"))
                .containsExactly(true, true);
        assertThat(jdbc.queryForObject(
                        "select revoke_non_compliant_sessions from organization where id = ?",
                        Boolean.class,
                        owner.organizationId()))
                .isTrue();
    }

    @Test
    void onlyOwnersAndHoldersOfManageOrgAccessToggle() {
        Account admin = withMfaStepUp(member(owner, "ADMIN"));
        Account grantedAdmin = withMfaStepUp(member(owner, "ADMIN"));
        grant(grantedAdmin);
        Account plainMember = withMfaStepUp(member(owner, "MEMBER"));
        Account grantedMember = withMfaStepUp(member(owner, "MEMBER"));
        grant(grantedMember);
        Account outsider = withMfaStepUp(signedUpOwner());

        expectProblem(toggle(admin, Map.of("enforced", true)), 403, "forbidden");
        expectProblem(toggle(plainMember, Map.of("enforced", true)), 403, "forbidden");
        expectProblem(toggle(owner.organizationId(), outsider, Map.of("enforced", true), randomIp()), 404, "not_found");
        assertThat(events()).isEmpty();

        toggle(grantedAdmin, Map.of("enforced", true))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.changedBy")
                .isEqualTo(grantedAdmin.userId().toString());
        toggle(grantedMember, Map.of("enforced", false)).expectStatus().isOk();
        toggle(owner, Map.of("enforced", true)).expectStatus().isOk();
        assertThat(events()).hasSize(3);
    }

    @Test
    void ownersAdminsAndPermissionHoldersReadTheSettingOthersDoNot() {
        Account admin = member(owner, "ADMIN");
        Account plainMember = member(owner, "MEMBER");
        Account grantedMember = member(owner, "MEMBER");
        grant(grantedMember);
        Account outsider = signedUpOwner();

        read(owner).expectStatus().isOk();
        read(admin).expectStatus().isOk();
        read(grantedMember).expectStatus().isOk();
        expectProblem(read(plainMember), 403, "forbidden");
        expectProblem(read(outsider), 404, "not_found");
        expectProblem(
                web.get()
                        .uri("/api/v1/organizations/{org}/mfa-enforcement", UUID.randomUUID())
                        .header(HttpHeaders.AUTHORIZATION, "Bearer " + owner.token())
                        .exchange(),
                404,
                "not_found");
    }

    @Test
    void actorWithoutMfaOfTheirOwnIsRefused() {
        Account withoutMfa = signedUpOwner();

        expectProblem(toggle(withoutMfa, Map.of("enforced", true)), 409, "actor_mfa_not_enabled");
        expectProblem(toggle(withoutMfa, Map.of("enforced", false)), 409, "actor_mfa_not_enabled");
        assertThat(eventsOf(withoutMfa)).isEmpty();
    }

    @Test
    void revokedCredentialCountsAsNoMfa() {
        jdbc.update(
                "update mfa_credential set revoked_at = ?, revoked_reason = 'USER_REQUEST', secret_key_id = null, "
                        + "secret_nonce = null, secret_ciphertext = null where user_id = ?",
                ts(clock.instant()),
                owner.userId());

        expectProblem(toggle(owner, Map.of("enforced", true)), 409, "actor_mfa_not_enabled");
    }

    @Test
    void sessionThatNeverPassedMfaMustStepUp() {
        Account actor = signedUpOwner();
        enableMfa(actor, clock.instant().minus(Duration.ofDays(3)));

        expectProblem(toggle(actor, Map.of("enforced", true)), 403, "mfa_step_up_required");
        assertThat(eventsOf(actor)).isEmpty();
    }

    @Test
    void sessionVerifiedBeforeTheCurrentCredentialWasEnabledMustStepUp() {
        Account actor = signedUpOwner();
        Instant verifiedAt = clock.instant();
        markSessionMfaVerified(actor, verifiedAt, false);
        // MFA was turned off and set up again after this session passed it: the pass was for another secret.
        enableMfa(actor, verifiedAt.plusSeconds(60));

        expectProblem(toggle(actor, Map.of("enforced", true)), 403, "mfa_step_up_required");
    }

    @Test
    void sessionObtainedWithTheRecoveryCodeMustStepUp() {
        Account actor = signedUpOwner();
        Instant enabledAt = clock.instant().minus(Duration.ofDays(1));
        enableMfa(actor, enabledAt);
        markSessionMfaVerified(actor, enabledAt.plusSeconds(3600), true);

        expectProblem(toggle(actor, Map.of("enforced", true)), 403, "mfa_step_up_required");
    }

    @Test
    void permissionIsCheckedBeforeTheActorsMfa() {
        Account plainMember = member(owner, "MEMBER");

        expectProblem(toggle(plainMember, Map.of("enforced", true)), 403, "forbidden");
    }

    @Test
    void refusesRequestWithoutEnforcedFlag() {
        expectProblem(toggle(owner, Map.of("revokeNonCompliantSessions", true)), 400, "validation_failed");
    }

    @Test
    void openApiDescribesTheEnforcementEndpointsAndProblems() {
        web.mutate()
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(1024 * 1024))
                .build()
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/mfa-enforcement'].get")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/mfa-enforcement'].put.responses['409']")
                .exists()
                .jsonPath("$.paths['/api/v1/organizations/{orgId}/mfa-compliance'].get")
                .exists()
                .jsonPath("$.components.responses.EnforcementForbidden.content['application/problem+json']"
                        + ".examples.mfa_step_up_required")
                .exists()
                .jsonPath("$.components.responses.ActorMfaNotEnabled.content['application/problem+json']"
                        + ".examples.actor_mfa_not_enabled")
                .exists()
                .jsonPath("$.components.schemas.Member.properties.mfaEnabled")
                .exists();
    }

    // --- fixtures ---------------------------------------------------------------------------------------------

    /** The account has MFA (enabled a day ago) and its session passed a TOTP code just now. */
    private Account withMfaStepUp(Account account) {
        Instant enabledAt = clock.instant().minus(Duration.ofDays(1));
        enableMfa(account, enabledAt);
        markSessionMfaVerified(account, clock.instant(), false);
        return account;
    }

    static void enableMfa(org.springframework.jdbc.core.JdbcTemplate jdbc, UUID userId, Instant enabledAt) {
        jdbc.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at)
                values (?, ?, 'test', ?, ?, ?, ?)""", UUID.randomUUID(), userId, new byte[12], new byte[36], ts(enabledAt), ts(enabledAt));
    }

    private void enableMfa(Account account, Instant enabledAt) {
        enableMfa(jdbc, account.userId(), enabledAt);
    }

    private void markSessionMfaVerified(Account account, Instant at, boolean viaRecoveryCode) {
        int updated = jdbc.update(
                "update auth_session set mfa_verified = true, mfa_verified_at = ?, "
                        + "via_recovery_code = ? where token_hash = ?",
                ts(at),
                viaRecoveryCode,
                SessionTokens.sha256(account.token()));
        assertThat(updated).isEqualTo(1);
    }

    private void grant(Account account) {
        jdbc.update(
                "update membership set manage_org_access = true where organization_id = ? and user_id = ?",
                account.organizationId(),
                account.userId());
    }

    private WebTestClient.ResponseSpec toggle(Account actor, Map<String, ?> body) {
        return toggle(actor, body, randomIp());
    }

    private WebTestClient.ResponseSpec toggle(Account actor, Map<String, ?> body, String ip) {
        return toggle(actor.organizationId(), actor, body, ip);
    }

    private WebTestClient.ResponseSpec toggle(UUID organizationId, Account actor, Map<String, ?> body, String ip) {
        return web.put()
                .uri("/api/v1/organizations/{org}/mfa-enforcement", organizationId)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .header("X-Forwarded-For", ip)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange();
    }

    private WebTestClient.ResponseSpec read(Account actor) {
        return web.get()
                .uri("/api/v1/organizations/{org}/mfa-enforcement", owner.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .exchange();
    }

    private List<Map<String, Object>> events() {
        return outboxRows(CHANGED, owner.organizationId());
    }

    private List<Map<String, Object>> eventsOf(Account account) {
        return outboxRows(CHANGED, account.organizationId());
    }

    static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }

    static Timestamp ts(Instant instant) {
        return Timestamp.from(instant);
    }
}
