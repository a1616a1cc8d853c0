package io.gatekeep.api.mfa.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.Concurrently;
import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.AttemptDecision.Permitted;
import io.gatekeep.api.mfa.lockout.AttemptDecision.Refused;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.lockout.Lockout;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class LockoutStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final MfaDatabase DB = MfaDatabase.create();

    private final LockoutStore lockouts = new LockoutStore(DB.client, LockoutPolicy.defaults());

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void locksForFifteenMinutesAfterFiveConsecutiveFailures() {
        UUID user = DB.newUser();
        for (int i = 1; i <= 4; i++) {
            assertThat(fail(user, T0).lockedNow()).isEmpty();
        }

        FailureRecorded fifth = fail(user, T0);

        Lockout expected = new Lockout(T0.plus(Duration.ofMinutes(15)), 1);
        assertThat(fifth).isEqualTo(FailureRecorded.startedLock(5, expected));
        assertThat(lockouts.beginAttempt(user, T0.plusSeconds(899)).block()).isEqualTo(new Refused(expected, false));
        assertThat(lockouts.beginAttempt(user, T0.plusSeconds(900)).block()).isEqualTo(new Permitted(1));
    }

    @Test
    void growsTheLockOnRepeat() {
        UUID user = DB.newUser();
        failTimes(user, 5, T0);
        Instant afterFirst = T0.plus(Duration.ofMinutes(15));

        failTimes(user, 5, afterFirst);

        assertThat(lockouts.find(user).block().lockedUntil()).isEqualTo(afterFirst.plus(Duration.ofMinutes(30)));
        assertThat(lockouts.find(user).block().lockoutCount()).isEqualTo(2);
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        UUID user = DB.newUser();
        failTimes(user, 4, T0);
        Permitted fifth = (Permitted) lockouts.beginAttempt(user, T0).block();

        lockouts.attemptSucceeded(user, T0).block();

        assertThat(fifth.attemptNumber()).isEqualTo(5);
        assertThat(lockouts.find(user).block().consecutiveFailures()).isZero();
        failTimes(user, 4, T0);
        assertThat(lockouts.find(user).block().isLockedAt(T0)).isFalse();
    }

    @Test
    void fiftyParallelGuessesOnTwoInstancesGetFiveAttemptsAndOneLock() {
        UUID user = DB.newUser();
        List<LockoutStore> instances = List.of(
                new LockoutStore(DB.newInstance(), LockoutPolicy.defaults()),
                new LockoutStore(DB.newInstance(), LockoutPolicy.defaults()));

        List<AttemptDecision> decisions =
                Concurrently.submit(50, i -> instances.get(i % 2).beginAttempt(user, T0));

        assertThat(decisions)
                .filteredOn(Permitted.class::isInstance)
                .hasSize(5)
                .extracting(d -> ((Permitted) d).attemptNumber())
                .containsExactlyInAnyOrder(1, 2, 3, 4, 5);
        assertThat(decisions)
                .filteredOn(d -> d instanceof Refused refused && refused.lockedNow())
                .hasSize(1);
        assertThat(decisions)
                .filteredOn(Refused.class::isInstance)
                .hasSize(45)
                .allSatisfy(
                        d -> assertThat(((Refused) d).lockout().until()).isEqualTo(T0.plus(Duration.ofMinutes(15))));
    }

    @Test
    void theFifthFailureAnswersWithTheLockAnAttemptBegunAfterItStarted() {
        UUID user = DB.newUser();
        failTimes(user, 4, T0);
        Permitted fifth = (Permitted) lockouts.beginAttempt(user, T0).block();
        Refused sixth = (Refused) lockouts.beginAttempt(user, T0).block();

        FailureRecorded fifthFailed =
                lockouts.attemptFailed(user, fifth.attemptNumber(), T0).block();

        assertThat(sixth.lockedNow()).isTrue();
        assertThat(fifthFailed).isEqualTo(FailureRecorded.lockedMeanwhile(5, sixth.lockout()));
    }

    @Test
    void aLostInstanceCannotLeaveTheUserStuck() {
        UUID user = DB.newUser();
        for (int i = 0; i < 5; i++) {
            lockouts.beginAttempt(user, T0).block(); // never resolved: the instance died
        }

        AttemptDecision next = lockouts.beginAttempt(user, T0.plusSeconds(1)).block();

        assertThat(next).isEqualTo(new Refused(new Lockout(T0.plusSeconds(1).plus(Duration.ofMinutes(15)), 1), true));
        assertThat(lockouts.beginAttempt(user, T0.plusSeconds(1).plus(Duration.ofMinutes(15)))
                        .block())
                .isEqualTo(new Permitted(1));
    }

    private void failTimes(UUID user, int times, Instant now) {
        for (int i = 0; i < times; i++) {
            fail(user, now);
        }
    }

    private FailureRecorded fail(UUID user, Instant now) {
        Permitted permitted = (Permitted) lockouts.beginAttempt(user, now).block();
        return lockouts.attemptFailed(user, permitted.attemptNumber(), now).block();
    }
}
