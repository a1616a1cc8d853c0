package io.gatekeep.api.ratelimit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FixedWindowTest {

    private final FixedWindow window = new FixedWindow(Duration.ofMinutes(15));

    @Test
    void alignsWindowsToTheEpoch() {
        assertThat(window.startOf(Instant.parse("2026-03-01T10:29:59Z"))).isEqualTo("2026-03-01T10:15:00Z");
        assertThat(window.startOf(Instant.parse("2026-03-01T10:30:00Z"))).isEqualTo("2026-03-01T10:30:00Z");
    }

    @Test
    void allowsUpToTheLimitThenAnswersTimeUntilTheWindowEnds() {
        Instant now = Instant.parse("2026-03-01T10:20:00Z");
        assertThat(window.decide(10, 10, now)).isEqualTo(new RateLimitDecision.Allowed(0));
        assertThat(window.decide(11, 10, now)).isEqualTo(new RateLimitDecision.Exceeded(Duration.ofMinutes(10)));
    }
}
