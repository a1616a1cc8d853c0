package io.gatekeep.api.mfa.challenge;

import io.gatekeep.credentials.ChallengeStatements;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The sign-in challenge's claim and release ({@link ChallengeStatements}); joins the caller's transaction. */
@Component
class ChallengeStore {

    /** A live challenge, claimed (revoked, and its row locked) until the transaction ends. */
    public record Claimed(UUID sessionId, UUID userId) {}

    private final DatabaseClient db;

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

    /** Undoes {@link #claimLive} in the same transaction. */
    public Mono<Void> release(UUID sessionId) {
        return db.sql(ChallengeStatements.RELEASE.sql())
                .bind("id", sessionId)
                .fetch()
                .rowsUpdated()
                .then();
    }
}
