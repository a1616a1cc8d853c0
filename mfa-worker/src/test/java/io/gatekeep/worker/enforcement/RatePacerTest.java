package io.gatekeep.worker.enforcement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RatePacerTest {

    private long now = 1_000_000_000L;
    private final List<Long> sleeps = new ArrayList<>();
    /** Sleeping moves the fake monotonic time. */
    private final RatePacer pacer = new RatePacer(100, () -> now, nanos -> {
        sleeps.add(nanos);
        now += nanos;
    });

    @Test
    void firstBatchGoesAtOnceAndLaterOnesFollowAtTheRate() throws InterruptedException {
        long start = now;
        for (int i = 0; i < 5; i++) {
            pacer.acquire(100);
        }

        assertThat(sleeps).containsExactly(1_000_000_000L, 1_000_000_000L, 1_000_000_000L, 1_000_000_000L);
        assertThat(now - start)
                .as("500 permits at 100/s: the last batch starts after 4 s")
                .isEqualTo(4_000_000_000L);
    }

    @Test
    void timeSpentWorkingCountsTowardsTheNextBatch() throws InterruptedException {
        pacer.acquire(50);
        now += 300_000_000L;

        pacer.acquire(50);

        assertThat(sleeps).containsExactly(200_000_000L);
    }

    @Test
    void idleTimeEarnsNoBurst() throws InterruptedException {
        pacer.acquire(100);
        now += 60_000_000_000L;

        pacer.acquire(100);
        pacer.acquire(100);

        assertThat(sleeps).containsExactly(1_000_000_000L);
    }

    @Test
    void throttledBatchesAreAboutOneSecondsWorth() {
        assertThat(new EnforcementSettings.Notifications(0, 500).effectiveBatchSize())
                .isEqualTo(500);
        assertThat(new EnforcementSettings.Notifications(50, 500).effectiveBatchSize())
                .isEqualTo(50);
        assertThat(new EnforcementSettings.Notifications(2_000, 500).effectiveBatchSize())
                .isEqualTo(500);
    }
}
