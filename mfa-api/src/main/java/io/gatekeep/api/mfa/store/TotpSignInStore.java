package io.gatekeep.api.mfa.store;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.outbox.OutboxWriter.GuardedInsert;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
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

    private static final String LOOK_UP = "select s.id as challenge_id, s.user_id as challenge_user_id, c."
            + CredentialStore.ACTIVE_CREDENTIAL_COLUMNS.replace(", ", ", c.") + ",\n" + """
                   l.consecutive_failures, l.lockout_count, l.locked_until, l.last_lockout_at
            from auth_session s
            left join mfa_credential c on c.user_id = s.user_id and c.revoked_at is null
            left join mfa_lockout l on l.user_id = s.user_id
            where s.token_hash = :hash and s.kind = 'MFA_CHALLENGE' and s.revoked_at is null and s.expires_at > :now""";

    /*
     * Row locks in the order the full path takes them (challenge, lockout, credential), so the two never deadlock.
     * The locking reads see the newest committed rows (READ COMMITTED re-checks a row changed meanwhile), so a
     * challenge used, a lock started or a step consumed by a concurrent request anywhere stops this one: then nothing
     * at all is written, as every write below waits on "consumed".
     */
    private static final String COMPLETE = """
            with challenge as materialized (
                select id from auth_session
                where id = :challenge and kind = 'MFA_CHALLENGE' and revoked_at is null and expires_at > :now
                for update),
            lockout as materialized (
                select consecutive_failures, locked_until from mfa_lockout where user_id = :user for update),
            consumed as (
                update mfa_credential set last_used_step = :step, last_used_at = :now
                where id = :credential and user_id = :user and revoked_at is null
                  and (last_used_step is null or last_used_step < :step)
                  and exists (select 1 from challenge)
                  and not exists (select 1 from lockout
                                  where consecutive_failures >= :max
                                     or (locked_until is not null and locked_until > :now))
                returning id),
            claimed as (
                update auth_session set revoked_at = :now where id = :challenge and exists (select 1 from consumed)),
            reset as (
                update mfa_lockout set consecutive_failures = 0, updated_at = :now
                where user_id = :user and consecutive_failures > 0 and exists (select 1 from consumed)),
            session as (
                insert into %s
                select %s where exists (select 1 from consumed)),
            events as (
                %s)
            select count(*) from consumed""";

    /** The condition the events given to {@link #complete} must be inserted under. */
    public static final String WHEN_COMPLETED = "exists (select 1 from consumed)";

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
        return db.sql(LOOK_UP)
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
        parameters.put("max", policy.maxConsecutiveFailures());
        // one statement per shape of outbox insert (in practice one): formatted once, not per sign-in
        String statement = statements.computeIfAbsent(
                outbox.sql(), sql -> COMPLETE.formatted(Sessions.INSERT_COLUMNS, Sessions.INSERT_VALUES, sql));
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
