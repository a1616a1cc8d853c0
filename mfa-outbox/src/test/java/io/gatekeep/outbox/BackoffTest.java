package io.gatekeep.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    @Test
    void doublesPerFailedAttempt() {
        assertThat(backoff.delayAfter(1)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delayAfter(2)).isEqualTo(Duration.ofMillis(400));
        assertThat(backoff.delayAfter(5)).isEqualTo(Duration.ofMillis(3200));
    }

    @Test
    void neverExceedsTheCap() {
        assertThat(backoff.delayAfter(9)).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delayAfter(1_000)).isEqualTo(Duration.ofSeconds(30));
    }
}
