package io.gatekeep.api.ratelimit;

import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Deletes rate-limit counters of windows long over, so {@code rate_limit_counter} stays as small as the traffic of the
 * last days. Every API instance prunes on its own schedule; the delete is idempotent, so instances need no
 * coordination. A failed round is logged and the next one tries again.
 */
@Component
@EnableConfigurationProperties(RateLimitProperties.class)
public class RateLimitPruning implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RateLimitPruning.class);

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration retention;
    private final Duration interval;
    private volatile Disposable schedule;

    RateLimitPruning(DatabaseClient db, Clock clock, RateLimitProperties properties) {
        this.db = db;
        this.clock = clock;
        this.retention = properties.retention();
        this.interval = properties.pruneInterval();
    }

    /** Deletes the counters of windows that started before {@code gatekeep.rate-limit.retention}; answers how many. */
    public Mono<Long> prune() {
        return db.sql("delete from rate_limit_counter where window_start < :before")
                .bind("before", clock.instant().minus(retention))
                .fetch()
                .rowsUpdated();
    }

    @Override
    public void start() {
        schedule = Flux.interval(interval, interval)
                .concatMap(tick -> prune().doOnNext(deleted -> log.debug("Pruned {} old rate-limit counters", deleted))
                        .onErrorResume(e -> {
                            log.warn("Pruning rate-limit counters failed; trying again in {}", interval, e);
                            return Mono.empty();
                        }))
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = schedule;
        if (running != null) {
            running.dispose();
        }
        schedule = null;
    }

    @Override
    public boolean isRunning() {
        return schedule != null;
    }
}
