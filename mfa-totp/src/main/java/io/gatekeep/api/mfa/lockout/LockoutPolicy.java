package io.gatekeep.api.mfa.lockout;

import java.time.Duration;
import java.time.Instant;

/**
 * After {@code maxConsecutiveFailures} failed codes in a row the MFA step is locked for {@code initialLockout}; every
 * further lock that starts within {@code repeatWindow} of the previous one lasts {@code growthFactor} times longer,
 * up to {@code maxLockout}. A lock starting later than the window counts as a first lock again.
 */
public record LockoutPolicy(
        int maxConsecutiveFailures,
        Duration initialLockout,
        int growthFactor,
        Duration maxLockout,
        Duration repeatWindow) {

    public LockoutPolicy {
        if (maxConsecutiveFailures < 1
                || growthFactor < 1
                || initialLockout.isNegative()
                || initialLockout.isZero()
                || maxLockout.compareTo(initialLockout) < 0
                || repeatWindow.isNegative()) {
            throw new IllegalArgumentException("Invalid lockout policy " + this);
        }
    }

    /** 5 failures; 15 min, 30 min, 1 h, 2 h, then 4 h for repeated locks within 24 h. */
    public static LockoutPolicy defaults() {
        return new LockoutPolicy(5, Duration.ofMinutes(15), 2, Duration.ofHours(4), Duration.ofHours(24));
    }

    /** The lock that starts {@code now}, given the user's previous lock (count 0 and null when there was none). */
    public Lockout nextLockout(int previousLockoutCount, Instant previousLockoutAt, Instant now) {
        boolean repeat = previousLockoutAt != null
                && previousLockoutCount > 0
                && now.isBefore(previousLockoutAt.plus(repeatWindow));
        int count = repeat ? previousLockoutCount + 1 : 1;
        return new Lockout(now.plus(durationOf(count)), count);
    }

    Duration durationOf(int lockoutCount) {
        Duration duration = initialLockout;
        for (int i = 1; i < lockoutCount && duration.compareTo(maxLockout) < 0; i++) {
            duration = duration.multipliedBy(growthFactor);
        }
        return duration.compareTo(maxLockout) > 0 ? maxLockout : duration;
    }
}
