package io.gatekeep.api.ratelimit;

import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import java.time.Clock;
import java.time.Instant;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Counts a hit and decides in one atomic statement (insert-or-increment), so concurrent requests on several
 * instances never both slip under the limit. Counting happens before the guarded work, so refused attempts count too.
 */
@Component
public class RateLimiter {

    private static final String HIT = """
            insert into rate_limit_counter (bucket, window_start, hits) values (:bucket, :windowStart, 1)
            on conflict (bucket, window_start) do update set hits = rate_limit_counter.hits + 1
            returning hits
            """;

    private final DatabaseClient db;
    private final Clock clock;

    RateLimiter(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Records one hit on {@code bucket} and answers whether it is within {@code limit} for the current window. */
    public Mono<RateLimitDecision> hit(String bucket, int limit, FixedWindow window) {
        Instant now = clock.instant();
        return db.sql(HIT)
                .bind("bucket", bucket)
                .bind("windowStart", window.startOf(now))
                .map(row -> row.get("hits", Integer.class))
                .one()
                .map(hits -> window.decide(hits, limit, now));
    }
}
