package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;

class MfaSignInIntegrationTest extends MfaHttpTest {

    @Test
    void signUpSetUpSignOutAndSignInWithACode() {
        Enrolled user = enrolledOwner();
        withBearer(HttpMethod.POST, "/api/v1/auth/sign-out", user.account().token(), null)
                .exchange()
                .expectStatus()
                .isNoContent();

        Instant signedInAt = clock.instant();
        Map<String, Object> step = passwordStep(user.email());
        assertThat(step).containsEntry("status", "MFA_REQUIRED").doesNotContainKey("sessionToken");
        assertThat(Instant.parse((String) step.get("expiresAt"))).isEqualTo(signedInAt.plus(Duration.ofMinutes(5)));
        String challenge = (String) step.get("challengeToken");
        me(challenge)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("unauthenticated");

        String code = codeFor(user.secret());
        Map<String, Object> signedIn = submitCode(challenge, code)
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();
        assertThat(signedIn).containsEntry("status", "AUTHENTICATED").doesNotContainKey("mfaDisabled");
        String session = (String) signedIn.get("sessionToken");
        me(session).expectStatus().isOk().expectBody().jsonPath("$.mfaEnabled").isEqualTo(true);

        Map<String, Object> row = jdbc.queryForMap("""
                select mfa_verified, mfa_verified_at, via_recovery_code from auth_session
                where user_id = ? and kind = 'FULL' order by created_at desc limit 1""", user.userId());
        assertThat(row).containsEntry("mfa_verified", true).containsEntry("via_recovery_code", false);
        assertThat(row.get("mfa_verified_at")).isNotNull();
        assertThat(outboxRows("io.gatekeep.account.signed-in", user.userId()))
                .last()
                .satisfies(r -> assertThat(payload(r)).containsEntry("method", "TOTP"));
        assertThat(events("verification.succeeded", user.userId())).isEqualTo(1);
        submitCode(challenge, codeFor(user.secret()))
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("challenge_expired");
        assertThat(String.join("\n", outboxPayloads(user.userId())))
                .doesNotContain(user.secret())
                .doesNotContain(user.recoveryCode())
                .doesNotContain("\"" + code + "\"")
                .doesNotContain(challenge)
                .doesNotContain(session);
    }

    @Test
    void challengeIsUsableFor4Minutes59() {
        Enrolled user = enrolledOwner();
        String challenge = challenge(user);
        clock.advance(Duration.ofSeconds(299));
        submitCode(challenge, codeFor(user.secret())).expectStatus().isOk();
    }

    @Test
    void challengeExpiresAfter5MinutesAndUnknownChallengesGetTheSameAnswer() {
        Enrolled user = enrolledOwner();
        String challenge = challenge(user);
        clock.advance(Duration.ofSeconds(301));
        String expired = submitCode(challenge, codeFor(user.secret()))
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        String unknown = submitCode("A".repeat(43), codeFor(user.secret()))
                .expectStatus()
                .isUnauthorized()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(expired).isEqualTo(unknown).contains("\"challenge_expired\"");
        assertThat(events("verification.failed", user.userId()))
                .as("no attempt was counted")
                .isZero();
    }

    @Test
    void refusesAReplayedCode() {
        Enrolled user = enrolledOwner();
        String code = codeFor(user.secret());
        submitCode(challenge(user), code).expectStatus().isOk();

        String second = challenge(user);
        submitCode(second, code)
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("code_already_used");
        nextStep();
        submitCode(second, codeFor(user.secret())).expectStatus().isOk();
        assertThat(outboxRows("io.gatekeep.verification.failed", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row))
                        .containsEntry("reason", "CODE_ALREADY_USED")
                        .containsEntry("stage", "SIGN_IN"));
    }

    @Test
    void aRefusedCodeLeavesTheChallengeLiveAndASuccessUsesItUp() {
        Enrolled user = enrolledOwner();
        String challenge = challenge(user);
        String code = codeFor(user.secret());

        submitCode(challenge, wrongCodeFor(code))
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_code");
        submitCode(challenge, code).expectStatus().isOk();
        submitCode(challenge, code)
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("challenge_expired");
        assertThat(jdbc.queryForObject(
                        "select count(*) from auth_session where user_id = ? "
                                + "and kind = 'MFA_CHALLENGE' and revoked_at is null",
                        Integer.class,
                        user.userId()))
                .isZero();
    }

    @Test
    void fiveWrongCodesLockTheMfaStepWithRetryAfterAndTheLockHolds() {
        Enrolled user = enrolledOwner();
        String challenge = challenge(user);
        String wrong = wrongCodeFor(codeFor(user.secret()));
        for (int i = 1; i <= 4; i++) {
            submitCode(challenge, wrong)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_code");
        }
        submitCode(challenge, wrong)
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "900")
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("locked_out");

        clock.advance(Duration.ofMinutes(1));
        submitCode(challenge, codeFor(user.secret()))
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .valueEquals(HttpHeaders.RETRY_AFTER, "840");
        assertThat(outboxRows("io.gatekeep.verification.locked-out", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("lockoutCount", 1));

        clock.advance(Duration.ofMinutes(14));
        signInWithMfa(user);
        assertThat(events("verification.locked-out", user.userId())).isEqualTo(1);
    }

    @Test
    void aValidCodeAfterFourWrongOnesSignsInAndTheCountStartsAgain() {
        Enrolled user = enrolledOwner();
        String wrong = wrongCodeFor(codeFor(user.secret()));
        String challenge = challenge(user);
        for (int i = 1; i <= 4; i++) {
            submitCode(challenge, wrong).expectStatus().isEqualTo(422);
        }
        submitCode(challenge, codeFor(user.secret())).expectStatus().isOk();
        assertThat(jdbc.queryForObject(
                        "select consecutive_failures from mfa_lockout where user_id = ?", Integer.class, user.userId()))
                .isZero();

        nextStep();
        String next = challenge(user);
        for (int i = 1; i <= 4; i++) {
            submitCode(next, wrong)
                    .expectStatus()
                    .isEqualTo(422)
                    .expectBody()
                    .jsonPath("$.code")
                    .isEqualTo("invalid_code");
        }
        submitCode(next, wrong).expectStatus().isEqualTo(429);
    }

    @Test
    void recoveryCodeSignsInAndTurnsMfaOff() {
        Enrolled user = enrolledOwner();
        String typed = user.recoveryCode().toLowerCase().replace("-", "");
        Map<String, Object> signedIn = submitRecoveryCode(challenge(user), typed)
                .expectStatus()
                .isOk()
                .expectBody(MAP)
                .returnResult()
                .getResponseBody();

        assertThat(signedIn).containsEntry("status", "AUTHENTICATED").containsEntry("mfaDisabled", true);
        me((String) signedIn.get("sessionToken"))
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mfaEnabled")
                .isEqualTo(false);
        assertThat(jdbc.queryForObject("""
                select via_recovery_code from auth_session where user_id = ? and kind = 'FULL'
                order by created_at desc limit 1""", Boolean.class, user.userId())).isTrue();
        assertThat(events("recovery.recovery-code-used", user.userId())).isEqualTo(1);
        assertThat(outboxRows("io.gatekeep.recovery.mfa-disabled", user.userId()))
                .singleElement()
                .satisfies(row -> assertThat(payload(row)).containsEntry("reason", "RECOVERY_CODE"));
        assertThat(outboxRows("io.gatekeep.account.signed-in", user.userId()))
                .last()
                .satisfies(row -> assertThat(payload(row)).containsEntry("method", "RECOVERY_CODE"));
        assertThat(passwordStep(user.email()).get("status")).isEqualTo("AUTHENTICATED");
        assertThat(String.join("\n", outboxPayloads(user.userId())))
                .doesNotContain(user.recoveryCode())
                .doesNotContainIgnoringCase(typed);
    }

    @Test
    void recoveryCodeWorksOnlyOnce() {
        Enrolled user = enrolledOwner();
        submitRecoveryCode(challenge(user), user.recoveryCode()).expectStatus().isOk();
        nextStep();
        String session = signIn(user.email(), PASSWORD);
        String secret = ReferenceTotp.secretOf((String) startSetup(session).get("otpauthUri"));
        verifySetup(session, codeFor(secret)).expectStatus().isOk();
        nextStep();

        submitRecoveryCode(challenge(new Enrolled(user.account(), secret, null)), user.recoveryCode())
                .expectStatus()
                .isEqualTo(422)
                .expectBody()
                .jsonPath("$.code")
                .isEqualTo("invalid_code");
    }
}
