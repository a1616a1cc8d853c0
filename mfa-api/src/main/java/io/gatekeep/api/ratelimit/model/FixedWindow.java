package io.gatekeep.api.ratelimit.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Windows of a fixed length aligned to the epoch, so every instance agrees on which window an instant falls in.
 */
public record FixedWindow(Duration length) {

    public FixedWindow {
        Objects.requireNonNull(length, "length");
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("A rate-limit window must be positive, was " + length);
        }
    }

    public Instant startOf(Instant instant) {
        long lengthMillis = length.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(instant.toEpochMilli(), lengthMillis) * lengthMillis);
    }

    /** How long until the window that holds {@code now} ends. */
    public Duration remaining(Instant now) {
        return Duration.between(now, startOf(now).plus(length));
    }

    /** The decision for the {@code hits}-th hit (counting this one) in the window holding {@code now}. */
    public RateLimitDecision decide(long hits, int limit, Instant now) {
        return hits <= limit
                ? new RateLimitDecision.Allowed(limit - hits)
                : new RateLimitDecision.Exceeded(remaining(now));
    }
}
