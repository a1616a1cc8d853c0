package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.credentials.AttemptStatements;
import io.gatekeep.credentials.LockoutCondition;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * A TOTP check's statements folded in pairs ({@link AttemptStatements}): counting the attempt also reads the active
 * credential, and consuming the step also resets the failures, as {@link LockoutStore} and {@link CredentialStore}
 * would in two round trips each.
 */
@Component
class TotpAttemptStore {

    /** An attempt counted as failure number {@code attemptNumber} until it succeeds; the credential, if any. */
    public record CountedAttempt(int attemptNumber, Optional<ActiveCredential> credential) {}

    private final DatabaseClient db;
    private final LockoutPolicy policy;

    TotpAttemptStore(DatabaseClient db, LockoutPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    /**
     * Counts an attempt and reads the user's active credential. Empty when the attempt was not counted (locked, or
     * the attempts are used up): {@link LockoutStore#beginAttempt} then decides, and may start the lock.
     */
    public Mono<CountedAttempt> begin(UUID userId, Instant now) {
        return db.sql(AttemptStatements.COUNT_AND_READ.sql())
                .bind("user", userId)
                .bind("now", now)
                .bind("max", LockoutCondition.maxParameter(policy))
                .map(row -> new CountedAttempt(
                        row.get("consecutive_failures", Integer.class),
                        row.get("id", UUID.class) == null
                                ? Optional.empty()
                                : Optional.of(CredentialStore.activeCredential(row))))
                .one();
    }

    /**
     * Records {@code step} as used (see {@link CredentialStore#consumeStep}) and, only if that won, resets the user's
     * failures (see {@link LockoutStore#attemptSucceeded}). Emits false for a replayed or older step.
     */
    public Mono<Boolean> accept(UUID userId, UUID credentialId, long step, Instant now) {
        return db.sql(AttemptStatements.CONSUME_AND_RESET.sql())
                .bind("id", credentialId)
                .bind("step", step)
                .bind("now", now)
                .bind("user", userId)
                .map(row -> row.get(0, Long.class) == 1)
                .one();
    }
}
