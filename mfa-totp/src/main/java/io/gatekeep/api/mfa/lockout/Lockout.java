package io.gatekeep.api.mfa.lockout;

import java.time.Duration;
import java.time.Instant;

/** The MFA step is locked until {@code until}; {@code lockoutCount} is this lock's rank within the repeat window. */
public record Lockout(Instant until, int lockoutCount) {

    public boolean isActiveAt(Instant now) {
        return now.isBefore(until);
    }

    /** Whole seconds for a {@code Retry-After} header: rounded up, at least 1. */
    public long retryAfterSeconds(Instant now) {
        long millis = Duration.between(now, until).toMillis();
        return Math.max(1, (millis + 999) / 1000);
    }
}
