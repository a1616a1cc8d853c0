package io.gatekeep.api.mfa.lockout;

import java.util.Optional;

/**
 * A refused code was recorded: {@code consecutiveFailures} in a row now, and the lock the account is under after it,
 * if any. {@code lockStartedNow} tells whether this very failure started that lock (emit the locked-out event and
 * notify the user) or a concurrent attempt did (the caller is locked out just the same, but nothing is announced
 * twice).
 */
public record FailureRecorded(int consecutiveFailures, Optional<Lockout> lock, boolean lockStartedNow) {

    public static FailureRecorded counted(int consecutiveFailures) {
        return new FailureRecorded(consecutiveFailures, Optional.empty(), false);
    }

    public static FailureRecorded startedLock(int consecutiveFailures, Lockout lock) {
        return new FailureRecorded(consecutiveFailures, Optional.of(lock), true);
    }

    public static FailureRecorded lockedMeanwhile(int consecutiveFailures, Lockout lock) {
        return new FailureRecorded(consecutiveFailures, Optional.of(lock), false);
    }

    /** The lock this failure started; empty when there is none or another attempt started it. */
    public Optional<Lockout> lockedNow() {
        return lockStartedNow ? lock : Optional.empty();
    }
}
