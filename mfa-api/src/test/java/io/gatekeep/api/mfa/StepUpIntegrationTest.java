package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Sensitive actions need a second factor verified within the 15-minute step-up window; {@code POST /auth/step-up}
 * re-verifies it inside a session with the sign-in's lockout and replay rules.
 */
class StepUpIntegrationTest extends MfaHttpTest {

    private static final Duration PAST_THE_WINDOW = Duration.ofMinutes(15).plusSeconds(1);

    @Test
    void anOwnerWhoJustTurnedMfaOnMayEnforceItWithoutSigningInAgain() {
        Enrolled owner = enrolledOwner();

        toggle(owner.account().token(), owner, true).expectStatus().isOk();
    }

    @Test
    void aStepUpWithACodeOpensTheSensitiveActionsForTheWindow() {
        Enrolled owner = enrolledOwner();
        String session = signInWithMfa(owner);
        clock.advance(PAST_THE_WINDOW);
        expectProblem(toggle(session, owner, true), 403, "mfa_step_up_required");

        stepUp(session, Map.of("code", codeFor(owner.secret())))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFIED")
                .jsonPath("$.stepUpExpiresAt")
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(15)).toString())
                .jsonPath("$.mfaDisabled")
                .doesNotExist();
        toggle(session, owner, true).expectStatus().isOk();

        clock.advance(PAST_THE_WINDOW);
        expectProblem(toggle(session, owner, false), 403, "mfa_step_up_required");
        assertThat(outboxRows("io.gatekeep.verification.step-up-succeeded", owner.userId()))
                .singleElement()
                .satisfies(row ->
                        assertThat(payload(row)).containsEntry("method", "TOTP").doesNotContainKey("organizationId"));
    }

    @Test
    void aCodeUsedToSignInCannotStepUpAndTheOtherWayRound() {
        Enrolled owner = enrolledOwner();
        String code = codeFor(owner.secret());
        String session = signInWithMfa(owner);

        expectProblem(stepUp(session, Map.of("code", code)), 422, "code_already_used");

        nextStep();
        String next = codeFor(owner.secret());
        stepUp(session, Map.of("code", next)).expectStatus().isOk();
        expectProblem(submitCode(challenge(owner), next), 422, "code_already_used");
    }

    @Test
    void wrongStepUpCodesCountTowardTheSameLockoutAsSignIn() {
        Enrolled owner = enrolledOwner();
        String session = signInWithMfa(owner);
        nextStep();
        String wrong = wrongCodeFor(codeFor(owner.secret()));
        for (int i = 1; i <= 4; i++) {
            expectProblem(stepUp(session, Map.of("code", wrong)), 422, "invalid_code");
        }
        stepUp(session, Map.of("code", wrong))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists(HttpHeaders.RETRY_AFTER)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("locked_out");

        expectProblem(stepUp(session, Map.of("code", codeFor(owner.secret()))), 429, "locked_out");
        expectProblem(submitCode(challenge(owner), codeFor(owner.secret())), 429, "locked_out");
        assertThat(outboxPayloads(owner.userId()))
                .anyMatch(p -> p.contains("\"stage\": \"STEP_UP\"") || p.contains("\"stage\":\"STEP_UP\""));
    }

    @Test
    void anAccountWithoutMfaHasNothingToStepUpWith() {
        Account plain = signedUpOwner();

        expectProblem(stepUp(plain.token(), Map.of("code", "123456")), 409, "mfa_not_enabled");
        expectProblem(stepUp(plain.token(), Map.of()), 400, "validation_failed");
    }

    @Test
    void turningMfaOffNeedsARecentSecondFactor() {
        Enrolled owner = enrolledOwner();
        clock.advance(PAST_THE_WINDOW);
        expectProblem(disable(owner.account().token(), codeFor(owner.secret())), 403, "mfa_step_up_required");
        assertThat(events("verification.failed", owner.userId())).isZero();

        stepUp(owner.account().token(), Map.of("code", codeFor(owner.secret())))
                .expectStatus()
                .isOk();
        nextStep();
        disable(owner.account().token(), codeFor(owner.secret())).expectStatus().isNoContent();
    }

    @Test
    void grantingOwnerOrOrgAccessAndRemovingOrDemotingAnOwnerNeedARecentSecondFactor() {
        Enrolled owner = enrolledOwner();
        String session = owner.account().token();
        Account member = member(owner.account(), "MEMBER");
        Account coOwner = member(owner.account(), "OWNER"); // within the window that enabling MFA opened
        clock.advance(PAST_THE_WINDOW);

        expectProblem(changeMember(session, owner, member, Map.of("role", "OWNER")), 403, "mfa_step_up_required");
        expectProblem(
                changeMember(
                        session,
                        owner,
                        member,
                        Map.of("role", "MEMBER", "permissions", java.util.List.of("MANAGE_ORG_ACCESS"))),
                403,
                "mfa_step_up_required");
        expectProblem(changeMember(session, owner, coOwner, Map.of("role", "ADMIN")), 403, "mfa_step_up_required");
        expectProblem(
                withBearer(
                                HttpMethod.DELETE,
                                "/api/v1/organizations/" + owner.account().organizationId() + "/members/"
                                        + coOwner.userId(),
                                session,
                                null)
                        .exchange(),
                403,
                "mfa_step_up_required");
        expectProblem(
                withBearer(
                                HttpMethod.POST,
                                "/api/v1/organizations/" + owner.account().organizationId() + "/members",
                                session,
                                Map.of("email", uniqueEmail("new"), "role", "OWNER"))
                        .exchange(),
                403,
                "mfa_step_up_required");
        // an ordinary change needs no step-up
        changeMember(session, owner, member, Map.of("role", "ADMIN"))
                .expectStatus()
                .isOk();

        stepUp(session, Map.of("code", codeFor(owner.secret()))).expectStatus().isOk();
        changeMember(session, owner, member, Map.of("role", "OWNER"))
                .expectStatus()
                .isOk();
        withBearer(
                        HttpMethod.DELETE,
                        "/api/v1/organizations/" + owner.account().organizationId() + "/members/" + coOwner.userId(),
                        session,
                        null)
                .exchange()
                .expectStatus()
                .isNoContent();
    }

    @Test
    void aStepUpWithTheRecoveryCodeTurnsMfaOffAndEndsEveryOtherSession() {
        Enrolled owner = enrolledOwner();
        String elsewhere = signInWithMfa(owner);
        String session = owner.account().token();

        stepUp(session, Map.of("recoveryCode", owner.recoveryCode()))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaDisabled")
                .isEqualTo(true);

        me(elsewhere).expectStatus().isUnauthorized();
        me(session).expectStatus().isOk().expectBody().jsonPath("$.mfaEnabled").isEqualTo(false);
        assertThat(outboxRows("io.gatekeep.account.sessions-revoked", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "RECOVERY_CODE"));
    }

    private WebTestClient.ResponseSpec stepUp(String token, Map<String, Object> body) {
        return withBearer(HttpMethod.POST, "/api/v1/auth/step-up", token, body).exchange();
    }

    private WebTestClient.ResponseSpec toggle(String token, Enrolled owner, boolean enforced) {
        return withBearer(
                        HttpMethod.PUT,
                        "/api/v1/organizations/" + owner.account().organizationId() + "/mfa-enforcement",
                        token,
                        Map.of("enforced", enforced))
                .exchange();
    }

    private WebTestClient.ResponseSpec changeMember(
            String token, Enrolled owner, Account member, Map<String, Object> body) {
        return withBearer(
                        HttpMethod.PUT,
                        "/api/v1/organizations/" + owner.account().organizationId() + "/members/" + member.userId(),
                        token,
                        body)
                .exchange();
    }

    private static void expectProblem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus()
                .isEqualTo(status)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo(code);
    }
}
