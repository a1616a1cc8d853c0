package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The two-step sign-in's first answer for a user with MFA, which one statement writes together with the refund of the
 * attempt's rate-limit hits: a challenge good for five minutes and nothing else, and a right password never counted.
 */
class PasswordStepChallengeIntegrationTest extends MfaHttpTest {

    @Test
    void aRightPasswordGetsAFiveMinuteChallengeAndIsNeverCounted() {
        Enrolled user = enrolledOwner();
        int hitsBefore = accountHits(user);

        Map<String, Object> step = passwordStep(user.email());
        passwordStep(user.email());
        passwordStep(user.email());

        assertThat(step).containsEntry("status", "MFA_REQUIRED").doesNotContainKey("sessionToken");
        assertThat(accountHits(user)).isEqualTo(hitsBefore);
        Map<String, Object> challenge = jdbc.queryForMap("""
                select mfa_verified, revoked_at from auth_session
                where user_id = ? and kind = 'MFA_CHALLENGE' order by created_at desc limit 1""", user.userId());
        assertThat(challenge.get("mfa_verified")).isEqualTo(false);
        assertThat(challenge.get("revoked_at")).isNull();
        assertThat(Instant.parse((String) step.get("expiresAt")))
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
        assertThat(events("verification.succeeded", user.userId())).isZero();
        submitCode((String) step.get("challengeToken"), codeFor(user.secret()))
                .expectStatus()
                .isOk();
    }

    @Test
    void aWrongPasswordGetsNoChallengeAndIsCounted() {
        Enrolled user = enrolledOwner();
        int hitsBefore = accountHits(user);
        int challengesBefore = challenges(user);

        post("/api/v1/auth/sign-in", Map.of("email", user.email(), "password", "not the password"))
                .exchange()
                .expectStatus()
                .isUnauthorized();

        assertThat(accountHits(user)).isEqualTo(hitsBefore + 1);
        assertThat(challenges(user)).isEqualTo(challengesBefore);
    }

    @Test
    void aUserWhoTurnedMfaOffGetsAFullSessionAndTheRefundIsTakenOnce() {
        Enrolled user = enrolledOwner();
        String session = signInWithMfa(user);
        nextStep();
        disable(session, codeFor(user.secret())).expectStatus().is2xxSuccessful();
        int hitsBefore = accountHits(user);
        int challengesBefore = challenges(user);

        Map<String, Object> step = passwordStep(user.email());

        assertThat(step).containsEntry("status", "AUTHENTICATED").containsKey("sessionToken");
        assertThat(challenges(user)).isEqualTo(challengesBefore);
        assertThat(accountHits(user)).isEqualTo(hitsBefore);
    }

    private int challenges(Enrolled user) {
        return jdbc.queryForObject(
                "select count(*) from auth_session where user_id = ? and kind = 'MFA_CHALLENGE'",
                Integer.class,
                user.userId());
    }

    private int accountHits(Enrolled user) {
        return jdbc.queryForObject(
                "select coalesce(sum(hits), 0) from rate_limit_counter where bucket = ?",
                Integer.class,
                "sign-in:account:" + user.email().toLowerCase(Locale.ROOT));
    }
}
