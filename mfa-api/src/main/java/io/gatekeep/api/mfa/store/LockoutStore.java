package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.mfa.lockout.LockoutState.Transition;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The {@code mfa_lockout} table, implementing {@link LockoutState}'s transitions atomically. The frequent paths
 * (begin an attempt, reset after success) are single statements; starting a lock is a compare-and-set guarded by the
 * state it was computed from, so two instances can never both start (and announce) the same lock.
 */
public class LockoutStore {

    /** Compare-and-set rounds before giving up; each lost round means another instance changed the row. */
    private static final int MAX_ROUNDS = 10;

    /**
     * Counts an attempt unless locked or used up, returning its number (no row: not counted). Parameters
     * {@code :user}, {@code :now}, {@code :max}; shared with {@link TotpAttemptStore}, which folds it into a read.
     */
    static final String COUNT_ATTEMPT = """
            insert into mfa_lockout as l (user_id, consecutive_failures, updated_at)
            values (:user, 1, :now)
            on conflict (user_id) do update
                set consecutive_failures = l.consecutive_failures + 1, updated_at = :now
                where (l.locked_until is null or l.locked_until <= :now)
                  and l.consecutive_failures < :max
            returning consecutive_failures""";

    /**
     * A success resets the failures, unless a lock started meanwhile. Parameters {@code :user}, {@code :now}; ends
     * with its where clause, so {@link TotpAttemptStore} can add a condition.
     */
    static final String RESET_FAILURES = """
            update mfa_lockout set consecutive_failures = 0, updated_at = :now
            where user_id = :user and consecutive_failures > 0
              and (locked_until is null or locked_until <= :now)""";

    private final DatabaseClient db;
    private final LockoutPolicy policy;

    public LockoutStore(DatabaseClient db, LockoutPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    public LockoutPolicy policy() {
        return policy;
    }

    public Mono<LockoutState> find(UUID userId) {
        return db.sql("""
                        select consecutive_failures, lockout_count, locked_until, last_lockout_at
                        from mfa_lockout where user_id = :user""").bind("user", userId).map(LockoutStore::state).one().defaultIfEmpty(LockoutState.initial());
    }

    /** The state in a row's {@code mfa_lockout} columns; {@link LockoutState#initial()} when they are null (no row). */
    static LockoutState state(Readable row) {
        Integer failures = row.get("consecutive_failures", Integer.class);
        return failures == null
                ? LockoutState.initial()
                : new LockoutState(
                        failures,
                        row.get("lockout_count", Integer.class),
                        row.get("locked_until", Instant.class),
                        row.get("last_lockout_at", Instant.class));
    }

    /** Call before checking a code; check the code only when {@link AttemptDecision.Permitted}. */
    public Mono<AttemptDecision> beginAttempt(UUID userId, Instant now) {
        return beginAttempt(userId, now, 1);
    }

    private Mono<AttemptDecision> beginAttempt(UUID userId, Instant now, int round) {
        Mono<AttemptDecision> counted = db.sql(COUNT_ATTEMPT)
                .bind("user", userId)
                .bind("now", now)
                .bind("max", policy.maxConsecutiveFailures())
                .map(row -> (AttemptDecision) new AttemptDecision.Permitted(row.get(0, Integer.class)))
                .one();
        // Not counted: locked, or the attempts are used up by ones in flight or lost with their instance.
        return counted.switchIfEmpty(Mono.defer(() -> find(userId).flatMap(state -> {
            Transition<AttemptDecision> next = state.beginAttempt(policy, now);
            if (next.decision() instanceof AttemptDecision.Refused refused && refused.lockedNow()) {
                return startLock(userId, state, next.state(), now)
                        .flatMap(won -> won
                                ? Mono.just(next.decision())
                                : retry(round, () -> beginAttempt(userId, now, round + 1)));
            }
            if (next.decision() instanceof AttemptDecision.Permitted) {
                // the lock ended between the two statements
                return retry(round, () -> beginAttempt(userId, now, round + 1));
            }
            return Mono.just(next.decision());
        })));
    }

    /** Records that attempt {@code attemptNumber} failed; the last allowed one starts the lock. */
    public Mono<FailureRecorded> attemptFailed(UUID userId, int attemptNumber, Instant now) {
        if (attemptNumber < policy.maxConsecutiveFailures()) {
            // already counted when it began
            return Mono.just(FailureRecorded.counted(attemptNumber));
        }
        return attemptFailed(userId, attemptNumber, now, 1);
    }

    private Mono<FailureRecorded> attemptFailed(UUID userId, int attemptNumber, Instant now, int round) {
        return find(userId).flatMap(state -> {
            Transition<FailureRecorded> next = state.attemptFailed(attemptNumber, policy, now);
            if (!next.decision().lockStartedNow()) {
                return Mono.just(next.decision());
            }
            return startLock(userId, state, next.state(), now)
                    .flatMap(won -> won
                            ? Mono.just(next.decision())
                            : retry(round, () -> attemptFailed(userId, attemptNumber, now, round + 1)));
        });
    }

    /** A code was accepted: the failures start again from zero (an active lock stays). */
    public Mono<Void> attemptSucceeded(UUID userId, Instant now) {
        return db.sql(RESET_FAILURES).bind("user", userId).bind("now", now).then();
    }

    private Mono<Boolean> startLock(UUID userId, LockoutState from, LockoutState locked, Instant now) {
        return db.sql("""
                        update mfa_lockout
                        set consecutive_failures = 0, lockout_count = :count, locked_until = :until,
                            last_lockout_at = :now, updated_at = :now
                        where user_id = :user and consecutive_failures >= :max and lockout_count = :previousCount
                          and (locked_until is null or locked_until <= :now)""")
                .bind("user", userId)
                .bind("count", locked.lockoutCount())
                .bind("until", locked.lockedUntil())
                .bind("now", now)
                .bind("max", policy.maxConsecutiveFailures())
                .bind("previousCount", from.lockoutCount())
                .fetch()
                .rowsUpdated()
                .map(rows -> rows == 1);
    }

    private static <T> Mono<T> retry(int round, Supplier<Mono<T>> next) {
        return round >= MAX_ROUNDS
                ? Mono.error(new IllegalStateException("Lockout state kept changing; gave up after " + round))
                : Mono.defer(next);
    }
}
