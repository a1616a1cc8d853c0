package io.gatekeep.api.ratelimit.model;

import java.time.Duration;

/** Whether one more attempt fits into the current window. */
public sealed interface RateLimitDecision {

    boolean allowed();

    /** The decision of two limits on one request: refused if either refuses, with the longer wait. */
    static RateLimitDecision stricter(RateLimitDecision a, RateLimitDecision b) {
        if (a instanceof Exceeded ea && b instanceof Exceeded eb) {
            return ea.retryAfter().compareTo(eb.retryAfter()) >= 0 ? ea : eb;
        }
        return a.allowed() ? b : a;
    }

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
