package io.gatekeep.outbox;

import java.time.Duration;

/**
 * Capped exponential backoff: {@code initial × 2^(attempts − 1)}, never more than {@code max}.
 *
 * @param initial delay after the first failed attempt
 * @param max     the cap
 */
public record Backoff(Duration initial, Duration max) {

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("Need 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay before the next attempt after {@code failedAttempts} (≥ 1) failures. */
    public Duration delayAfter(int failedAttempts) {
        int doublings = Math.max(0, Math.min(failedAttempts - 1, 40));
        Duration delay = initial.multipliedBy(1L << Math.min(doublings, 30));
        return delay.compareTo(max) > 0 || doublings > 30 ? max : delay;
    }
}
