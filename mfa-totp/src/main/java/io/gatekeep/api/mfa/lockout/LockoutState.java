package io.gatekeep.api.mfa.lockout;

import java.time.Instant;

/**
 * One user's failure counter and lock: the reference model of what {@code LockoutStore} does atomically in SQL.
 * {@code consecutiveFailures} counts attempts begun since the last success or lock; an attempt counts as a failure
 * from the moment it begins until it succeeds, so an attempt whose instance died still counts.
 *
 * @param lockedUntil null when never locked; a lock in the past is no lock
 * @param lastLockoutAt when the latest lock started (drives growth on repeat)
 */
public record LockoutState(int consecutiveFailures, int lockoutCount, Instant lockedUntil, Instant lastLockoutAt) {

    public static LockoutState initial() {
        return new LockoutState(0, 0, null, null);
    }

    public boolean isLockedAt(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    /**
     * Whether an attempt begun now would be permitted ({@link #beginAttempt} answers {@code Permitted}), without
     * beginning it: lets a sign-in whose code is valid skip counting an attempt it would reset at once.
     */
    public boolean permitsAttempt(LockoutPolicy policy, Instant now) {
        return !isLockedAt(now) && consecutiveFailures < policy.maxConsecutiveFailures();
    }

    public Lockout lockout() {
        return new Lockout(lockedUntil, lockoutCount);
    }

    /** Begin an attempt: refused while locked; when the attempts are used up without a lock, the lock starts now. */
    public Transition<AttemptDecision> beginAttempt(LockoutPolicy policy, Instant now) {
        if (isLockedAt(now)) {
            return new Transition<>(this, new AttemptDecision.Refused(lockout(), false));
        }
        if (consecutiveFailures >= policy.maxConsecutiveFailures()) {
            LockoutState locked = lock(policy, now);
            return new Transition<>(locked, new AttemptDecision.Refused(locked.lockout(), true));
        }
        int attempt = consecutiveFailures + 1;
        return new Transition<>(
                new LockoutState(attempt, lockoutCount, lockedUntil, lastLockoutAt),
                new AttemptDecision.Permitted(attempt));
    }

    /**
     * The attempt numbered {@code attemptNumber} failed: the last allowed one starts the lock, unless an attempt begun
     * after it (and refused) started it first; either way that failure answers with the lock.
     */
    public Transition<FailureRecorded> attemptFailed(int attemptNumber, LockoutPolicy policy, Instant now) {
        if (attemptNumber < policy.maxConsecutiveFailures()) {
            return new Transition<>(this, FailureRecorded.counted(attemptNumber));
        }
        if (isLockedAt(now)) {
            return new Transition<>(this, FailureRecorded.lockedMeanwhile(attemptNumber, lockout()));
        }
        if (consecutiveFailures >= policy.maxConsecutiveFailures()) {
            LockoutState locked = lock(policy, now);
            return new Transition<>(locked, FailureRecorded.startedLock(attemptNumber, locked.lockout()));
        }
        return new Transition<>(this, FailureRecorded.counted(attemptNumber));
    }

    /** A code was accepted: the failure count starts again; an active lock (started meanwhile) stays. */
    public LockoutState attemptSucceeded(Instant now) {
        return isLockedAt(now) ? this : new LockoutState(0, lockoutCount, lockedUntil, lastLockoutAt);
    }

    private LockoutState lock(LockoutPolicy policy, Instant now) {
        Lockout next = policy.nextLockout(lockoutCount, lastLockoutAt, now);
        return new LockoutState(0, next.lockoutCount(), next.until(), now);
    }

    /** A new state and what the transition decided. */
    public record Transition<T>(LockoutState state, T decision) {}
}
