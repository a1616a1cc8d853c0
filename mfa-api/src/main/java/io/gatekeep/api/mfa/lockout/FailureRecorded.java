package io.gatekeep.api.mfa.lockout;

import java.util.Optional;

/**
 * A refused code was recorded: {@code consecutiveFailures} in a row now, and the lock this failure started, if any
 * (emit the locked-out event and notify the user).
 */
public record FailureRecorded(int consecutiveFailures, Optional<Lockout> lockedNow) {
}
