package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.sessions.SessionTokens;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

/** Sign-in for members of an organization that enforces MFA (the toggle itself belongs to enforcement). */
class MfaEnforcementAtSignInIntegrationTest extends MfaHttpTest {

    @Test
    void memberWithoutMfaGetsASetupTokenThatOnlyReachesSetupAndProfile() {
        Account owner = signedUpOwner();
        enforceMfa(owner.organizationId());

        Map<String, Object> step = passwordStep(owner.email());
        assertThat(step).containsEntry("status", "MFA_SETUP_REQUIRED").doesNotContainKey("sessionToken");
        String setupToken = (String) step.get("setupToken");

        me(setupToken)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaEnabled")
                .isEqualTo(false)
                .jsonPath("$.mfaRequired")
                .isEqualTo(true);
        withBearer(HttpMethod.GET, "/api/v1/organizations/" + owner.organizationId() + "/members", setupToken, null)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_setup_required");
        withBearer(HttpMethod.POST, "/api/v1/auth/sign-out", setupToken, null)
                .exchange()
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_setup_required");
        disable(setupToken, "123456")
                .expectStatus()
                .isForbidden()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("mfa_setup_required");

        String secret = ReferenceTotp.secretOf((String) startSetup(setupToken).get("otpauthUri"));
        Map<String, Object> enabled = verifySetup(setupToken, codeFor(secret))
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(enabled)
                .containsKey("recoveryCode")
                .containsEntry("status", "AUTHENTICATED")
                .containsKey("expiresAt");
        String session = (String) enabled.get("sessionToken");
        withBearer(HttpMethod.GET, "/api/v1/organizations/" + owner.organizationId() + "/members", session, null)
                .exchange()
                .expectStatus()
                .isOk();
        me(setupToken).expectStatus().isUnauthorized();
        assertThat(outboxRows("io.gatekeep.account.signed-in", owner.userId()))
                .last()
                .satisfies(row -> assertThat(payload(row)).containsEntry("method", "TOTP"));
        assertThat(jdbc.queryForMap("""
                select mfa_verified, mfa_verified_at is not null as verified_at_set, via_recovery_code
                from auth_session where token_hash = ?""", (Object) SessionTokens.sha256(session)))
                .as("the session the setup code earned counts as MFA-verified for step-up")
                .containsEntry("mfa_verified", true)
                .containsEntry("verified_at_set", true)
                .containsEntry("via_recovery_code", false);

        nextStep();
        assertThat(passwordStep(owner.email()).get("status")).isEqualTo("MFA_REQUIRED");
    }

    @Test
    void setupTokenLastsTheThreeMinuteSetupSession() {
        Account owner = signedUpOwner();
        enforceMfa(owner.organizationId());
        String setupToken = (String) passwordStep(owner.email()).get("setupToken");
        clock.advance(Duration.ofSeconds(179));
        me(setupToken).expectStatus().isOk();
        clock.advance(Duration.ofSeconds(2));
        me(setupToken)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        verifySetup(setupToken, "123456")
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("setup_session_expired");
    }

    @Test
    void setupStartedWithASetupTokenGetsItsFullThreeMinutes() {
        Account owner = signedUpOwner();
        enforceMfa(owner.organizationId());
        String setupToken = (String) passwordStep(owner.email()).get("setupToken");
        clock.advance(Duration.ofSeconds(30));
        startSetup(setupToken);
        clock.advance(Duration.ofSeconds(120));
        String secret = ReferenceTotp.secretOf((String) refreshQr(setupToken)
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody()
                .get("otpauthUri"));
        clock.advance(Duration.ofSeconds(59));
        verifySetup(setupToken, codeFor(secret))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("AUTHENTICATED");
    }

    @Test
    void recoveryCodeUnderEnforcementTurnsMfaOffAndLeadsStraightToSetup() {
        Enrolled user = enrolledOwner();
        enforceMfa(user.account().organizationId());

        Map<String, Object> answer = submitRecoveryCode(challenge(user), user.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(answer)
                .containsEntry("status", "MFA_SETUP_REQUIRED")
                .containsEntry("mfaDisabled", true)
                .doesNotContainKey("sessionToken");
        String setupToken = (String) answer.get("setupToken");
        me(setupToken)
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaEnabled")
                .isEqualTo(false);
        withBearer(
                        HttpMethod.GET,
                        "/api/v1/organizations/" + user.account().organizationId() + "/members",
                        setupToken,
                        null)
                .exchange()
                .expectStatus()
                .isForbidden();
        startSetup(setupToken);
    }

    @Test
    void membersWhoHaveMfaAreAskedForItAsUsual() {
        Enrolled user = enrolledOwner();
        enforceMfa(user.account().organizationId());
        assertThat(passwordStep(user.email()).get("status")).isEqualTo("MFA_REQUIRED");
    }
}
