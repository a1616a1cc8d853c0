package io.gatekeep.api.mfa.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.api.mfa.verification.TotpAttemptStore.CountedAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The folded statements of the sign-in path hold the lockout and replay rules of the stores they come from. */
class TotpAttemptStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final long STEP = T0.getEpochSecond() / 30;
    private static final MfaDatabase DB = MfaDatabase.create();

    private final TotpAttemptStore attempts = new TotpAttemptStore(DB.client, LockoutPolicy.defaults());
    private final LockoutStore lockouts = new LockoutStore(DB.client, LockoutPolicy.defaults());
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));
    private final UUID user = DB.newUser();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void countsTheAttemptBeforeAnyCodeIsCheckedAndReadsTheCredential() {
        UUID credentialId = enroll();

        CountedAttempt attempt = attempts.begin(user, T0).block();

        assertThat(attempt.attemptNumber()).isEqualTo(1);
        assertThat(attempt.credential())
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(credentialId));
        assertThat(failures()).as("counted as a failure until it succeeds").isEqualTo(1);
    }

    @Test
    void countsTheAttemptOfAUserWithoutACredential() {
        CountedAttempt attempt = attempts.begin(user, T0).block();

        assertThat(attempt.attemptNumber()).isEqualTo(1);
        assertThat(attempt.credential()).isEmpty();
        assertThat(failures()).isEqualTo(1);
    }

    @Test
    void countsNothingWhileLockedOrOnceTheAttemptsAreUsedUp() {
        enroll();
        for (int i = 1; i <= 5; i++) {
            assertThat(attempts.begin(user, T0).block().attemptNumber()).isEqualTo(i);
        }

        assertThat(attempts.begin(user, T0).blockOptional())
                .as("used up: the lockout store decides")
                .isEmpty();
        lockouts.attemptFailed(user, 5, T0).block();
        assertThat(attempts.begin(user, T0.plusSeconds(60)).blockOptional())
                .as("locked")
                .isEmpty();
        assertThat(attempts.begin(user, T0.plus(Duration.ofMinutes(15))).block().attemptNumber())
                .isEqualTo(1);
    }

    @Test
    void acceptingAFreshStepResetsTheFailures() {
        UUID credentialId = enroll();
        attempts.begin(user, T0).block();
        attempts.begin(user, T0).block();

        assertThat(attempts.accept(user, credentialId, STEP + 1, T0).block()).isTrue();

        assertThat(failures()).isZero();
    }

    @Test
    void aReplayedOrOlderStepIsRefusedAndStaysCounted() {
        UUID credentialId = enroll();
        attempts.begin(user, T0).block();
        attempts.accept(user, credentialId, STEP + 1, T0).block();
        attempts.begin(user, T0).block();

        assertThat(attempts.accept(user, credentialId, STEP + 1, T0).block())
                .as("replay")
                .isFalse();
        assertThat(attempts.accept(user, credentialId, STEP, T0).block())
                .as("older step")
                .isFalse();

        assertThat(failures()).isEqualTo(1);
    }

    private int failures() {
        return DB.client
                .sql("select consecutive_failures from mfa_lockout where user_id = :user")
                .bind("user", user)
                .map(row -> row.get(0, Integer.class))
                .one()
                .block();
    }

    /** MFA as setup leaves it: the setup code's step already used. */
    private UUID enroll() {
        NewCredential credential = new NewCredential(
                UUID.randomUUID(),
                user,
                cipher.encrypt(user, new TotpSecretGenerator().generate()),
                T0,
                STEP,
                UUID.randomUUID(),
                null);
        new CredentialStore(DB.client).insert(credential, T0).block();
        return credential.id();
    }
}
