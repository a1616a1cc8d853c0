package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attacker story: someone who got hold of the owner's password and a code (or a signed-in device) keeps a session.
 * The owner, who lost their authenticator, signs in with the recovery code: every other session of the account ends,
 * the attacker's included, along with any sign-in the attacker has half done.
 */
class SessionTakeoverIntegrationTest extends MfaHttpTest {

    @Test
    void aRecoveryCodeSignInEndsTheOtherSessions() {
        Enrolled owner = enrolledOwner();
        String attackersSession = signInWithMfa(owner);
        nextStep();
        String attackersChallenge = challenge(owner);

        Map<String, Object> recovered = submitRecoveryCode(challenge(owner), owner.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(recovered).containsEntry("status", "AUTHENTICATED").containsEntry("mfaDisabled", true);
        String ownersSession = (String) recovered.get("sessionToken");
        me(ownersSession).expectStatus().isOk();
        me(attackersSession)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");
        me(owner.account().token()).expectStatus().isUnauthorized();
        submitCode(attackersChallenge, codeFor(owner.secret()))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("challenge_expired");
        assertThat(outboxRows("io.gatekeep.account.sessions-revoked", owner.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("reason", "RECOVERY_CODE")
                        .containsEntry("count", 3));
    }

    @Test
    void underEnforcementTheSetupTokenIsTheOnlySessionLeft() {
        Enrolled owner = enrolledOwner();
        String attackersSession = signInWithMfa(owner);
        enforceMfa(owner.account().organizationId());

        Map<String, Object> recovered = submitRecoveryCode(challenge(owner), owner.recoveryCode())
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(recovered).containsEntry("status", "MFA_SETUP_REQUIRED");
        me((String) recovered.get("setupToken")).expectStatus().isOk();
        me(attackersSession).expectStatus().isUnauthorized();
    }
}
