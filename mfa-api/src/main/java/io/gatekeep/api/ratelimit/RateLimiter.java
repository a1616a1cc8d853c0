package io.gatekeep.api.ratelimit;

import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.Limit;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.credentials.CarriedWrite;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Counts a hit and decides in one atomic statement (insert-or-increment), so concurrent requests on several
 * instances never both slip under the limit. Counting happens before the guarded work, so refused attempts count too.
 *
 * <p>{@link #hitAll} and its refund, which every password sign-in runs, commit without waiting for the WAL flush
 * ({@code synchronous_commit = off} for their own one-statement transaction). A counter row shared by many sign-ins
 * (one client network) is locked from the increment until the commit; waiting for the disk there serialised all
 * sign-ins of a network behind one flush each. What this gives up: if PostgreSQL itself crashes, the counts of the
 * last fraction of a second (at most three WAL-writer delays) may be lost, so a few failed attempts go uncounted
 * once; no event, session or credential change is ever committed this way. Inside a caller's transaction the
 * statements keep the caller's durability.
 */
@Component
public class RateLimiter {

    private static final String HIT = """
            insert into rate_limit_counter (bucket, window_start, hits) values (:bucket, :windowStart, 1)
            on conflict (bucket, window_start) do update set hits = rate_limit_counter.hits + 1
            returning hits
            """;
    // Buckets are upserted in one fixed (sorted) order, so concurrent statements lock their rows in the same order.
    private static final String HIT_ALL = """
            insert into rate_limit_counter (bucket, window_start, hits)
            select bucket, :windowStart, 1 from unnest(cast(:buckets as text[])) as b (bucket) order by bucket
            on conflict (bucket, window_start) do update set hits = rate_limit_counter.hits + 1
            returning bucket, hits
            """;
    private static final String REFUND = """
            update rate_limit_counter set hits = hits - 1
            where window_start = :windowStart and bucket = any(cast(:buckets as text[])) and hits > 0
            """;
    /** Sets {@code synchronous_commit} off for the statement's own (implicit) transaction; read at its commit. */
    private static final String ASYNC_COMMIT = "set_config('synchronous_commit', 'off', true) is not null";

    private static final String HIT_ALL_ASYNC =
            HIT_ALL.replace("as b (bucket) order by", "as b (bucket) where " + ASYNC_COMMIT + " order by");
    private static final String REFUND_ASYNC = REFUND.strip() + " and " + ASYNC_COMMIT;

    /** {@link #hitAll} with a caller's read of at most one row, in one statement (the aggregate makes one row). */
    private static final String HIT_ALL_WITH = """
            with hits as (
            %s)
            select h.rate_limit_buckets, h.rate_limit_hits, r.*
            from (select array_agg(bucket order by bucket) as rate_limit_buckets,
                         array_agg(hits order by bucket) as rate_limit_hits from hits) as h
            left join (%s) as r on true""";

    private static final String CARRIED_REFUND =
            REFUND_ASYNC.replace(":windowStart", ":rateLimitWindowStart").replace(":buckets", ":rateLimitBuckets");

    /** No read: {@link #hitAll} is {@link #hitAllWith} reading nothing, so both run the one statement. */
    private static final Read<Void> NOTHING = new Read<>("select 1 as nothing where false", Map.of(), row -> null);

    private final DatabaseClient db;
    private final Clock clock;
    /** The statement per durability and read, formatted once (the reads are constants of their callers). */
    private final Map<Shape, String> statements = new ConcurrentHashMap<>();

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

    /**
     * Records one hit on each of {@code limits}' buckets in one statement and answers the strictest decision: allowed
     * only if every bucket is within its limit. {@link Counted#refund} takes the hits back (a sign-in that succeeded).
     */
    public Mono<Counted> hitAll(List<Limit> limits, FixedWindow window) {
        return hitAllWith(limits, window, NOTHING).map(WithRead::counted);
    }

    /**
     * {@link #hitAll} and {@code read} in one statement (on its own, its commit does not wait for the disk; inside a
     * caller's transaction it keeps the caller's durability). Empty {@link WithRead#read} when {@code read} found no
     * row.
     */
    public <T> Mono<WithRead<T>> hitAllWith(List<Limit> limits, FixedWindow window, Read<T> read) {
        Instant now = clock.instant();
        Instant windowStart = window.startOf(now);
        Map<String, Integer> limitOf = limitsByBucket(limits);
        String[] buckets = sorted(limitOf);
        Map<String, Object> parameters = new HashMap<>(read.parameters());
        parameters.put("windowStart", windowStart);
        parameters.put("buckets", buckets);
        return outsideTransaction()
                .flatMap(alone -> db.sql(statements.computeIfAbsent(
                                new Shape(alone, read.select()),
                                shape -> HIT_ALL_WITH.formatted(
                                        (alone ? HIT_ALL_ASYNC : HIT_ALL).strip(), shape.read())))
                        .bindValues(parameters)
                        .map(row -> {
                            String[] counted = row.get("rate_limit_buckets", String[].class);
                            Integer[] hits = row.get("rate_limit_hits", Integer[].class);
                            RateLimitDecision decision = null;
                            for (int i = 0; i < counted.length; i++) {
                                RateLimitDecision next = window.decide(hits[i], limitOf.get(counted[i]), now);
                                decision = decision == null ? next : RateLimitDecision.stricter(decision, next);
                            }
                            return new WithRead<>(
                                    new Counted(decision, buckets, windowStart),
                                    Optional.ofNullable(read.mapper().apply(row)));
                        })
                        .one());
    }

    /**
     * A read of at most one row for {@link #hitAllWith}: a whole {@code select} with its named parameters (none
     * named {@code windowStart} or {@code buckets}), and how to read its columns (null when the row is absent, its
     * columns then all null).
     */
    public record Read<T>(String select, Map<String, Object> parameters, Function<Readable, T> mapper) {}

    private record Shape(boolean alone, String read) {}

    /** What {@link #hitAllWith} counted and read. */
    public record WithRead<T>(Counted counted, Optional<T> read) {}

    private static Map<String, Integer> limitsByBucket(List<Limit> limits) {
        return limits.stream().collect(Collectors.toMap(Limit::bucket, Limit::max, Math::min));
    }

    private static String[] sorted(Map<String, Integer> limitOf) {
        return limitOf.keySet().stream().sorted(Comparator.naturalOrder()).toArray(String[]::new);
    }

    /** Whether statements run now are their own transactions (no reactive transaction in the subscriber context). */
    private static Mono<Boolean> outsideTransaction() {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .map(transaction -> !transaction.isActualTransactionActive())
                .onErrorResume(NoTransactionException.class, none -> Mono.just(true));
    }

    /** The decision of {@link #hitAll}, with what it counted. */
    public final class Counted {

        private final RateLimitDecision decision;
        private final String[] buckets;
        private final Instant windowStart;

        private Counted(RateLimitDecision decision, String[] buckets, Instant windowStart) {
            this.decision = decision;
            this.buckets = buckets;
            this.windowStart = windowStart;
        }

        public RateLimitDecision decision() {
            return decision;
        }

        /**
         * {@link #refund} for another statement to carry, which must run on its own (outside any transaction): its
         * commit then does not wait for the disk, as {@link #refund}'s.
         */
        public CarriedWrite refundCarried() {
            return new CarriedWrite(
                    CARRIED_REFUND, Map.of("rateLimitWindowStart", windowStart, "rateLimitBuckets", buckets));
        }

        /** Takes this attempt's hits back, so it does not count toward any of the limits. */
        public Mono<Void> refund() {
            return outsideTransaction()
                    .flatMap(alone -> db.sql(alone ? REFUND_ASYNC : REFUND)
                            .bind("windowStart", windowStart)
                            .bind("buckets", buckets)
                            .fetch()
                            .rowsUpdated())
                    .then();
        }
    }
}
