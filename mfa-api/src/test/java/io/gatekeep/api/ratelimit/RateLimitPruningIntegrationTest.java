package io.gatekeep.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Counters of windows older than the retention (2 days) are deleted; recent ones keep counting. */
class RateLimitPruningIntegrationTest extends ApiIntegrationTest {

    @Autowired
    RateLimitPruning pruning;

    @Test
    void prunesCountersOfWindowsOlderThanTheRetentionOnly() {
        String prefix = "test-prune:" + UUID.randomUUID() + ":";
        Instant now = clock.instant();
        counter(prefix + "old", now.minus(Duration.ofDays(2)).minusSeconds(1));
        counter(prefix + "recent", now.minus(Duration.ofDays(2)).plusSeconds(60));
        counter(prefix + "current", now);

        assertThat(pruning.prune().block()).isGreaterThanOrEqualTo(1L);

        assertThat(jdbc.queryForList(
                        "select bucket from rate_limit_counter where bucket like ? order by bucket",
                        String.class,
                        prefix + "%"))
                .containsExactly(prefix + "current", prefix + "recent");
    }

    private void counter(String bucket, Instant windowStart) {
        jdbc.update(
                "insert into rate_limit_counter (bucket, window_start, hits) values (?, ?, 3)",
                bucket,
                Timestamp.from(windowStart));
    }
}
