package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.outbox.OutboxWriter.GuardedEvents;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.credentials.CarriedWrite;
import io.gatekeep.credentials.Guard;
import io.gatekeep.credentials.GuardedInsert;
import io.gatekeep.credentials.LockoutCondition;
import io.gatekeep.credentials.SignInStatements;
import io.gatekeep.credentials.Statement;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The two statements of a TOTP sign-in's common case (a live challenge, a fresh valid code, no lock), each atomic on
 * its own, so no transaction is opened: {@link #lookUp} reads the challenge, the credential and the lockout state;
 * the caller checks the code; {@link #complete} checks all of it again under row locks and only if it all still holds
 * consumes the step, revokes the challenge, resets the failures and inserts the session and its events. The full path
 * ({@code MfaSignIn}) takes seven statements in a transaction for the same work; it stays the one that decides every
 * refusal.
 */
@Component
class TotpSignInStore {

    /** The condition the events given to {@link #complete} must be inserted under. */
    static final Guard WHEN_COMPLETED = SignInStatements.WHEN_COMPLETED;

    /** What {@link #complete} needs beside the row of the new session and its events. */
    public record Completion(UUID challengeId, UUID userId, UUID credentialId, long step, Instant now) {}

    /**
     * What a success writes beside the new session and its events: the user, the credential, the step it consumes and
     * when. All that {@link #completeAtOnce} needs; {@link #complete} needs the challenge too.
     */
    public record AtOnce(UUID userId, UUID credentialId, long step, Instant now) {}

    /** A user's active credential (if any) and lockout state. */
    public record FactorState(Optional<ActiveCredential> credential, LockoutState lockout) {}

    /** A live challenge, its user's active credential (if any) and lockout state. */
    public record SignInState(
            UUID challengeId, UUID userId, Optional<ActiveCredential> credential, LockoutState lockout) {}

    private final DatabaseClient db;
    private final LockoutPolicy policy;
    private final Map<Shape, String> statements = new ConcurrentHashMap<>();
    private final Map<Shape, String> atOnceStatements = new ConcurrentHashMap<>();
    private final Map<String, String> refundLookUps = new ConcurrentHashMap<>();

    TotpSignInStore(DatabaseClient db, LockoutPolicy policy) {
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
     * @param events inserted with the guard {@link #WHEN_COMPLETED}
     */
    Mono<Boolean> complete(Completion completion, PendingSession session, GuardedEvents events) {
        return completeWith(
                statements,
                SignInStatements::complete,
                session,
                events,
                new AtOnce(completion.userId(), completion.credentialId(), completion.step(), completion.now()),
                Map.of("challenge", completion.challengeId()));
    }

    /**
     * Runs {@code refund} and reads {@code userId}'s active credential and lockout state, in one statement that must
     * run on its own (outside any transaction).
     */
    Mono<FactorState> refundAndLookUp(UUID userId, CarriedWrite refund) {
        Map<String, Object> parameters = new HashMap<>(refund.parameters());
        parameters.put("user", userId);
        String statement = refundLookUps.computeIfAbsent(
                refund.sql(), sql -> SignInStatements.refundAndLookUp(refund).sql());
        return db.sql(statement)
                .bindValues(parameters)
                .map(row -> new FactorState(
                        row.get("id", UUID.class) == null
                                ? Optional.empty()
                                : Optional.of(CredentialStore.activeCredential(row)),
                        LockoutStore.state(row)))
                .one();
    }

    /**
     * {@link #complete} without a challenge, for a one-request sign-in whose password was just checked: completes it
     * if the lockout still permits an attempt and {@code step} is newer than every step the credential accepted.
     * False means nothing was written.
     *
     * @param events inserted with the guard {@link #WHEN_COMPLETED}
     */
    Mono<Boolean> completeAtOnce(AtOnce completion, PendingSession session, GuardedEvents events) {
        return completeWith(atOnceStatements, SignInStatements::completeAtOnce, session, events, completion, Map.of());
    }

    /** Runs a completing statement built by {@code build} (once per shape of the two inserts, not per sign-in). */
    private Mono<Boolean> completeWith(
            Map<Shape, String> cache,
            BiFunction<GuardedInsert, GuardedInsert, Statement> build,
            PendingSession session,
            GuardedEvents events,
            AtOnce success,
            Map<String, Object> more) {
        GuardedInsert sessionRow = session.insertWhere(WHEN_COMPLETED);
        GuardedInsert eventRows = events.insert();
        Map<String, Object> parameters = new HashMap<>(sessionRow.parameters());
        parameters.putAll(eventRows.parameters());
        parameters.putAll(more);
        parameters.put("user", success.userId());
        parameters.put("credential", success.credentialId());
        parameters.put("step", success.step());
        parameters.put("now", success.now());
        parameters.put("max", LockoutCondition.maxParameter(policy));
        String statement = cache.computeIfAbsent(
                new Shape(sessionRow.sql(), eventRows.sql()),
                shape -> build.apply(sessionRow, eventRows).sql());
        return db.sql(statement)
                .bindValues(parameters)
                .map(row -> row.get(0, Long.class) == 1)
                .one();
    }

    private record Shape(String sessionInsert, String eventsInsert) {}

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
