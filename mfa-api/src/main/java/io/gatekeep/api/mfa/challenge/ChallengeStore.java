package io.gatekeep.api.mfa.challenge;

import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.credentials.CarriedWrite;
import io.gatekeep.credentials.ChallengeStatements;
import io.gatekeep.credentials.SignInStatements;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The sign-in challenge's claim and release ({@link ChallengeStatements}), which join the caller's transaction, and
 * its issue together with the password attempt's refund, which runs on its own.
 */
@Component
class ChallengeStore {

    /** A live challenge, claimed (revoked, and its row locked) until the transaction ends. */
    public record Claimed(UUID sessionId, UUID userId) {}

    private final DatabaseClient db;

    /** {@link SignInStatements#refundAndChallenge} per refund statement (one per set of limits, in practice one). */
    private final Map<String, String> refundAndChallenge = new ConcurrentHashMap<>();

    ChallengeStore(DatabaseClient db) {
        this.db = db;
    }

    /** Claims the live challenge whose token hashes to {@code tokenHash}; empty when there is none. */
    public Mono<Claimed> claimLive(byte[] tokenHash, Instant now) {
        return db.sql(ChallengeStatements.CLAIM_LIVE.sql())
                .bind("hash", tokenHash)
                .bind("now", now)
                .map(row -> new Claimed(row.get("id", UUID.class), row.get("user_id", UUID.class)))
                .one();
    }

    /**
     * Runs {@code refund} and inserts {@code challenge} if {@code userId} has MFA, in one statement on its own
     * ({@link SignInStatements#refundAndChallenge}); whether the challenge was inserted. The guarded insert comes from
     * {@code challenge} with {@link SignInStatements#WHEN_MFA_ACTIVE}.
     */
    public Mono<Boolean> refundAndChallenge(UUID userId, CarriedWrite refund, PendingSession challenge) {
        Map<String, Object> parameters = new HashMap<>(challenge.parameters());
        parameters.putAll(refund.parameters());
        parameters.put("user", userId);
        String statement = refundAndChallenge.computeIfAbsent(
                refund.sql(),
                sql -> SignInStatements.refundAndChallenge(
                                refund, challenge.insertWhere(SignInStatements.WHEN_MFA_ACTIVE))
                        .sql());
        return db.sql(statement)
                .bindValues(parameters)
                .map(row -> row.get("issued", Long.class))
                .one()
                .map(issued -> issued > 0);
    }

    /** Undoes {@link #claimLive} in the same transaction. */
    public Mono<Void> release(UUID sessionId) {
        return db.sql(ChallengeStatements.RELEASE.sql())
                .bind("id", sessionId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
