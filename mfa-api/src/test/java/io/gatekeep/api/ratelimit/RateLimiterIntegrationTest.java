package io.gatekeep.api.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.Limit;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;

/**
 * Counting several limits at once: exact under concurrency, refundable, and committed without waiting for the disk
 * only when the statement is its own transaction (a caller's transaction keeps its durability).
 */
class RateLimiterIntegrationTest extends ApiIntegrationTest {

    private static final FixedWindow WINDOW = new FixedWindow(Duration.ofMinutes(15));

    @Autowired
    RateLimiter rateLimiter;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    DatabaseClient db;

    @Test
    void fiftyConcurrentHitsOnALimitOfTenAdmitExactlyTenAndRefundsTakeHitsBack() {
        String bucket = "test-limiter:" + UUID.randomUUID();
        List<RateLimiter.Counted> counted = Flux.range(0, 50)
                .flatMap(i -> rateLimiter.hitAll(List.of(new Limit(bucket, 10)), WINDOW), 16)
                .collectList()
                .block();

        assertThat(counted)
                .filteredOn(c -> c.decision() instanceof RateLimitDecision.Allowed)
                .hasSize(10);
        assertThat(hits(bucket)).isEqualTo(50);

        Flux.fromIterable(counted.subList(0, 45))
                .concatMap(RateLimiter.Counted::refund)
                .blockLast();
        assertThat(hits(bucket)).isEqualTo(5);
    }

    @Test
    void insideACallersTransactionTheCountKeepsTheTransactionsDurableCommit() {
        String bucket = "test-limiter:" + UUID.randomUUID();
        // the test database runs without durable commits: the transaction asks for them, the count must not undo that
        String setting = tx.transactional(db.sql("set local synchronous_commit = on")
                        .then()
                        .then(rateLimiter.hitAll(List.of(new Limit(bucket, 10)), WINDOW))
                        .flatMap(counted -> counted.refund())
                        .then(rateLimiter.hitAll(List.of(new Limit(bucket, 10)), WINDOW))
                        .then(db.sql("select current_setting('synchronous_commit') as s")
                                .map(row -> row.get("s", String.class))
                                .one()))
                .block();

        assertThat(setting).isEqualTo("on");
        assertThat(hits(bucket)).isEqualTo(1);
    }

    @Test
    void onItsOwnTheCountLeavesTheSessionsSettingAsItWas() {
        String bucket = "test-limiter:" + UUID.randomUUID();
        IntStream.range(0, 3)
                .forEach(i -> rateLimiter
                        .hitAll(List.of(new Limit(bucket, 10)), WINDOW)
                        .block());

        // set_config(..., true) lasts for the statement's own transaction only: pooled connections stay durable
        List<Boolean> asConfigured = Flux.range(0, 8)
                .flatMap(i ->
                        db.sql("""
                        select current_setting('synchronous_commit') = reset_val as same
                          from pg_settings where name = 'synchronous_commit'""").map(row -> row.get("same", Boolean.class)).one())
                .collectList()
                .block();
        assertThat(asConfigured).containsOnly(true);
        assertThat(hits(bucket)).isEqualTo(3);
    }

    private int hits(String bucket) {
        return jdbc.queryForObject(
                "select coalesce(sum(hits), 0) from rate_limit_counter where bucket = ?", Integer.class, bucket);
    }
}
