package io.gatekeep.api.mfa.lockout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockoutStateTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private final LockoutPolicy policy = LockoutPolicy.defaults();

    @Test
    void locksForFifteenMinutesAfterFiveConsecutiveFailures() {
        LockoutState state = failTimes(LockoutState.initial(), 4, T0);
        assertThat(state.isLockedAt(T0)).isFalse();

        LockoutState.Transition<AttemptDecision> fifth = state.beginAttempt(policy, T0);
        LockoutState.Transition<FailureRecorded> failed = fifth.state().attemptFailed(attempt(fifth), policy, T0);

        assertThat(failed.decision().lockedNow()).contains(new Lockout(T0.plus(Duration.ofMinutes(15)), 1));
        assertThat(failed.state().isLockedAt(T0.plus(Duration.ofMinutes(15)).minusSeconds(1)))
                .isTrue();
        assertThat(failed.state().beginAttempt(policy, T0.plusSeconds(60)).decision())
                .isEqualTo(new AttemptDecision.Refused(new Lockout(T0.plus(Duration.ofMinutes(15)), 1), false));
    }

    @Test
    void permitsAnAttemptExactlyWhenBeginningOneWouldBePermitted() {
        LockoutState fourFailures = failTimes(LockoutState.initial(), 4, T0);
        LockoutState locked = failTimes(LockoutState.initial(), 5, T0);
        LockoutState usedUp = new LockoutState(5, 0, null, null);

        for (LockoutState state : new LockoutState[] {LockoutState.initial(), fourFailures, locked, usedUp}) {
            for (Instant now : new Instant[] {T0, T0.plus(Duration.ofMinutes(15))}) {
                assertThat(state.permitsAttempt(policy, now))
                        .as("%s at %s", state, now)
                        .isEqualTo(state.beginAttempt(policy, now).decision() instanceof AttemptDecision.Permitted);
            }
        }
        assertThat(fourFailures.permitsAttempt(policy, T0)).isTrue();
        assertThat(locked.permitsAttempt(policy, T0)).isFalse();
        assertThat(usedUp.permitsAttempt(policy, T0)).isFalse();
    }

    @Test
    void aSuccessResetsTheFailureCount() {
        LockoutState state = failTimes(LockoutState.initial(), 4, T0);
        LockoutState.Transition<AttemptDecision> next = state.beginAttempt(policy, T0);

        LockoutState afterSuccess = next.state().attemptSucceeded(T0);

        assertThat(afterSuccess.consecutiveFailures()).isZero();
        assertThat(failTimes(afterSuccess, 4, T0).isLockedAt(T0)).isFalse();
    }

    @Test
    void permitsAttemptsAgainOnceTheLockEnds() {
        LockoutState locked = failTimes(LockoutState.initial(), 5, T0);
        Instant later = T0.plus(Duration.ofMinutes(15));

        assertThat(locked.beginAttempt(policy, later).decision()).isEqualTo(new AttemptDecision.Permitted(1));
    }

    @Test
    void doublesTheLockOnRepeatWithinADayUpToTheCap() {
        LockoutState state = LockoutState.initial();
        Instant now = T0;
        Duration[] expected = {
            Duration.ofMinutes(15),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(2),
            Duration.ofHours(4),
            Duration.ofHours(4)
        };
        for (Duration duration : expected) {
            state = failTimes(state, 5, now);
            assertThat(Duration.between(now, state.lockedUntil())).isEqualTo(duration);
            now = state.lockedUntil();
        }
    }

    @Test
    void startsAgainFromFifteenMinutesWhenTheLastLockIsOverADayOld() {
        LockoutState state = failTimes(failTimes(LockoutState.initial(), 5, T0), 5, T0.plus(Duration.ofHours(1)));
        assertThat(state.lockoutCount()).isEqualTo(2);

        Instant nextDay = T0.plus(Duration.ofHours(26));
        state = failTimes(state, 5, nextDay);

        assertThat(state.lockoutCount()).isEqualTo(1);
        assertThat(state.lockedUntil()).isEqualTo(nextDay.plus(Duration.ofMinutes(15)));
    }

    @Test
    void locksWhenAttemptsInFlightUseUpTheAllowance() {
        LockoutState state = LockoutState.initial();
        for (int i = 0; i < 5; i++) {
            state = state.beginAttempt(policy, T0).state();
        }

        LockoutState.Transition<AttemptDecision> sixth = state.beginAttempt(policy, T0);

        assertThat(sixth.decision())
                .isEqualTo(new AttemptDecision.Refused(new Lockout(T0.plus(Duration.ofMinutes(15)), 1), true));
        // the fifth attempt failing afterwards does not lock a second time, but answers with the lock
        assertThat(sixth.state().attemptFailed(5, policy, T0).decision())
                .isEqualTo(FailureRecorded.lockedMeanwhile(5, new Lockout(T0.plus(Duration.ofMinutes(15)), 1)));
    }

    @Test
    void aSuccessDoesNotLiftALockStartedMeanwhile() {
        LockoutState locked = failTimes(LockoutState.initial(), 5, T0);

        assertThat(locked.attemptSucceeded(T0.plusSeconds(1))).isEqualTo(locked);
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        Lockout lockout = new Lockout(T0.plus(Duration.ofMinutes(15)), 1);

        assertThat(lockout.retryAfterSeconds(T0)).isEqualTo(900);
        assertThat(lockout.retryAfterSeconds(T0.plusMillis(500))).isEqualTo(900);
        assertThat(lockout.retryAfterSeconds(T0.plus(Duration.ofMinutes(15)).minusMillis(1)))
                .isEqualTo(1);
        assertThat(lockout.retryAfterSeconds(T0.plus(Duration.ofMinutes(20)))).isEqualTo(1);
    }

    @Test
    void policyIsConfigurable() {
        LockoutPolicy strict =
                new LockoutPolicy(3, Duration.ofMinutes(1), 3, Duration.ofMinutes(9), Duration.ofHours(1));

        assertThat(strict.nextLockout(0, null, T0)).isEqualTo(new Lockout(T0.plusSeconds(60), 1));
        assertThat(strict.nextLockout(1, T0, T0.plusSeconds(120))).isEqualTo(new Lockout(T0.plusSeconds(300), 2));
        assertThat(strict.nextLockout(2, T0, T0.plusSeconds(120))).isEqualTo(new Lockout(T0.plusSeconds(660), 3));
    }

    private LockoutState failTimes(LockoutState state, int failures, Instant now) {
        for (int i = 0; i < failures; i++) {
            LockoutState.Transition<AttemptDecision> begun = state.beginAttempt(policy, now);
            state = begun.state().attemptFailed(attempt(begun), policy, now).state();
        }
        return state;
    }

    private static int attempt(LockoutState.Transition<AttemptDecision> begun) {
        return ((AttemptDecision.Permitted) begun.decision()).attemptNumber();
    }
}
