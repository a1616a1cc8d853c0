package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.outbox.OutboxWriter.GuardedInsert;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.credentials.LockoutCondition;
import io.gatekeep.credentials.SignInStatements;
import io.gatekeep.credentials.SignInStatements.Guard;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The two statements of a TOTP sign-in's common case (a live challenge, a fresh valid code, no lock), each atomic on
 * its own, so no transaction is opened: {@link #lookUp} reads the challenge, the credential and the lockout state;
 * the caller checks the code; {@link #complete} checks all of it again under row locks and only if it all still holds
 * consumes the step, revokes the challenge, resets the failures and inserts the session and its events. The full path
 * ({@code MfaSignIn}) takes seven statements in a transaction for the same work; it stays the one that decides every
 * refusal.
 */
public class TotpSignInStore {

    /** The condition the events given to {@link #complete} must be inserted under. */
    public static final Guard WHEN_COMPLETED = SignInStatements.WHEN_COMPLETED;

    private static final String SESSION_INSERT = "insert into " + Sessions.INSERT_COLUMNS + "\nselect "
            + Sessions.INSERT_VALUES + " where " + WHEN_COMPLETED.sql();

    /** What {@link #complete} needs beside the row of the new session and its events. */
    public record Completion(UUID challengeId, UUID userId, UUID credentialId, long step, Instant now) {}

    /** A live challenge, its user's active credential (if any) and lockout state. */
    public record SignInState(
            UUID challengeId, UUID userId, Optional<ActiveCredential> credential, LockoutState lockout) {}

    private final DatabaseClient db;
    private final LockoutPolicy policy;
    private final Map<String, String> statements = new ConcurrentHashMap<>();

    public TotpSignInStore(DatabaseClient db, LockoutPolicy policy) {
        this.db = db;
        this.policy = policy;
    }

    /** The state behind a live challenge, or empty when the challenge is unknown, used, revoked or expired. */
    public Mono<SignInState> lookUp(byte[] challengeTokenHash, Instant now) {
        return db.sql(SignInStatements.LOOK_UP.sql())
                .bind("hash", challengeTokenHash)
                .bind("now", now)
                .map(TotpSignInStore::state)
                .one();
    }

    /**
     * Completes the sign-in if the challenge is still live, the lockout still permits an attempt and {@code step} is
     * newer than every step the credential accepted; emits whether it did. False means nothing was written.
     *
     * @param outbox events inserted with the guard {@link #WHEN_COMPLETED}
     */
    public Mono<Boolean> complete(Completion completion, PendingSession session, GuardedInsert outbox) {
        Map<String, Object> parameters = new HashMap<>(session.parameters());
        parameters.putAll(outbox.parameters());
        parameters.put("challenge", completion.challengeId());
        parameters.put("user", completion.userId());
        parameters.put("credential", completion.credentialId());
        parameters.put("step", completion.step());
        parameters.put("now", completion.now());
        parameters.put("max", LockoutCondition.maxParameter(policy));
        // one statement per shape of outbox insert (in practice one): formatted once, not per sign-in
        String statement = statements.computeIfAbsent(
                outbox.sql(),
                sql -> SignInStatements.complete(SESSION_INSERT, sql).sql());
        return db.sql(statement)
                .bindValues(parameters)
                .map(row -> row.get(0, Long.class) == 1)
                .one();
    }

    private static SignInState state(Readable row) {
        Optional<ActiveCredential> credential = row.get("id", UUID.class) == null
                ? Optional.empty()
                : Optional.of(CredentialStore.activeCredential(row));
        return new SignInState(
                row.get("challenge_id", UUID.class),
                row.get("challenge_user_id", UUID.class),
                credential,
                LockoutStore.state(row));
    }
}
