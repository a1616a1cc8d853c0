package io.gatekeep.api.ratelimit.model;

import java.time.Duration;

/** Whether one more attempt fits into the current window. */
public sealed interface RateLimitDecision {

    boolean allowed();

    record Allowed(long remaining) implements RateLimitDecision {
        @Override
        public boolean allowed() {
            return true;
        }
    }

    record Exceeded(Duration retryAfter) implements RateLimitDecision {
        @Override
        public boolean allowed() {
            return false;
        }
    }
}
