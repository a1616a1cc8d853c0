package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.mfa.lockout.LockoutState.Transition;
import io.gatekeep.credentials.LockoutCondition;
import io.gatekeep.credentials.LockoutStatements;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The {@code mfa_lockout} table, running {@link LockoutStatements} to make {@link LockoutState}'s transitions atomically. The frequent paths
 * (begin an attempt, reset after success) are single statements; starting a lock is a compare-and-set guarded by the
 * state it was computed from, so two instances can never both start (and announce) the same lock.
 */
@Component
public class LockoutStore {

    /** Compare-and-set rounds before giving up; each lost round means another instance changed the row. */
    private static final int MAX_ROUNDS = 10;

    private final DatabaseClient db;
    private final LockoutPolicy policy;

    LockoutStore(DatabaseClient db, LockoutPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    public LockoutPolicy policy() {
        return policy;
    }

    public Mono<LockoutState> find(UUID userId) {
        return db.sql(LockoutStatements.FIND.sql())
                .bind("user", userId)
                .map(LockoutStore::state)
                .one()
                .defaultIfEmpty(LockoutState.initial());
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
        Mono<AttemptDecision> counted = db.sql(LockoutStatements.COUNT_ATTEMPT.sql())
                .bind("user", userId)
                .bind("now", now)
                .bind("max", LockoutCondition.maxParameter(policy))
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
        return db.sql(LockoutStatements.RESET_FAILURES.sql())
                .bind("user", userId)
                .bind("now", now)
                .then();
    }

    private Mono<Boolean> startLock(UUID userId, LockoutState from, LockoutState locked, Instant now) {
        return db.sql(LockoutStatements.START_LOCK.sql())
                .bind("user", userId)
                .bind("count", locked.lockoutCount())
                .bind("until", locked.lockedUntil())
                .bind("now", now)
                .bind("max", LockoutCondition.maxParameter(policy))
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
