package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The statements of a TOTP check, folded in pairs because every sign-in runs them: counting the attempt also reads
 * the active credential, and consuming the step also resets the failures. Each half is the very statement of
 * {@link LockoutStore} or {@link CredentialStore} (shared SQL), so the lockout is counted before the code is checked
 * and the step is consumed atomically exactly as there; this only saves round trips.
 */
public class TotpAttemptStore {

    private static final String COUNT_AND_READ = "with attempt as (" + LockoutStore.COUNT_ATTEMPT + ")\n"
            + "select a.consecutive_failures, c." + CredentialStore.ACTIVE_CREDENTIAL_COLUMNS.replace(", ", ", c.")
            + "\nfrom attempt a left join mfa_credential c on c.user_id = :user and c.revoked_at is null";

    // data-modifying CTEs all run; the reset sees the count this transaction's attempt added
    private static final String CONSUME_AND_RESET = "with step as ("
            + CredentialStore.CONSUME_STEP + " returning id),\n"
            + "reset as (" + LockoutStore.RESET_FAILURES + " and exists (select 1 from step))\n"
            + "select count(*) from step";

    /** An attempt counted as failure number {@code attemptNumber} until it succeeds; the credential, if any. */
    public record CountedAttempt(int attemptNumber, Optional<ActiveCredential> credential) {}

    private final DatabaseClient db;
    private final LockoutPolicy policy;

    public TotpAttemptStore(DatabaseClient db, LockoutPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    /**
     * Counts an attempt and reads the user's active credential. Empty when the attempt was not counted (locked, or
     * the attempts are used up): {@link LockoutStore#beginAttempt} then decides, and may start the lock.
     */
    public Mono<CountedAttempt> begin(UUID userId, Instant now) {
        return db.sql(COUNT_AND_READ)
                .bind("user", userId)
                .bind("now", now)
                .bind("max", policy.maxConsecutiveFailures())
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
        return db.sql(CONSUME_AND_RESET)
                .bind("id", credentialId)
                .bind("step", step)
                .bind("now", now)
                .bind("user", userId)
                .map(row -> row.get(0, Long.class) == 1)
                .one();
    }
}
