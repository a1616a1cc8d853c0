package io.gatekeep.api.mfa.challenge;

import io.gatekeep.api.mfa.challenge.model.ChallengePolicy;
import io.gatekeep.api.mfa.enrollment.model.SetupPolicy;
import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.sessions.IssuedSession;
import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.api.web.RequestUserAgent;
import io.gatekeep.credentials.CarriedWrite;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The MFA kinds of {@code auth_session}: the challenge a password sign-in hands out, the setup-only token of an
 * enforced organization, and the MFA marks of a full session. Joins the caller's transaction.
 */
@Component
public class MfaSessions {

    /** A live challenge, claimed (revoked, and its row locked) until the transaction ends. */
    public record Challenge(UUID sessionId, UUID userId) {}

    private final Sessions sessions;
    private final DatabaseClient db;
    private final ChallengeStore challenges;
    private final ChallengePolicy challengePolicy;
    private final SetupPolicy setupPolicy;

    MfaSessions(
            Sessions sessions,
            DatabaseClient db,
            ChallengeStore challenges,
            ChallengePolicy challengePolicy,
            SetupPolicy setupPolicy) {
        this.sessions = sessions;
        this.db = db;
        this.challenges = challenges;
        this.challengePolicy = challengePolicy;
        this.setupPolicy = setupPolicy;
    }

    public Mono<IssuedSession> issueChallenge(UUID userId, String clientIp) {
        // The transaction that hands out a challenge writes nothing else (no event, no credential): it may commit
        // without waiting for the disk. A crash of PostgreSQL right after it can only lose the challenge (the user
        // signs in again), never grant anything; and every later durable commit, such as the sign-in that redeems
        // it, flushes it first. Set for the caller's transaction only.
        return db.sql("select set_config('synchronous_commit', 'off', true)")
                .fetch()
                .rowsUpdated()
                .then(sessions.issue(userId, SessionKind.MFA_CHALLENGE, false, clientIp, challengePolicy.validity()));
    }

    /**
     * {@link #issueChallenge} for a user who has MFA, in one statement on its own that also runs {@code refund}
     * ({@link ChallengeStore#refundAndChallenge}): the challenge, or empty when the user has no active credential
     * (then only the refund was written). Must not run inside a transaction.
     */
    public Mono<Optional<IssuedSession>> issueChallengeIfMfa(UUID userId, String clientIp, CarriedWrite refund) {
        return Mono.deferContextual(context -> {
            PendingSession challenge = sessions.pendingChallenge(
                    userId, clientIp, RequestUserAgent.of(context), challengePolicy.validity());
            return challenges
                    .refundAndChallenge(userId, refund, challenge)
                    .map(issued -> issued ? Optional.of(challenge.issued()) : Optional.<IssuedSession>empty());
        });
    }

    /** A setup-only token lasting one setup session. */
    public Mono<IssuedSession> issueSetupToken(UUID userId, String clientIp) {
        return sessions.issue(userId, SessionKind.MFA_SETUP, false, clientIp, setupPolicy.sessionValidity());
    }

    /**
     * Claims the live challenge behind {@code token}: revokes it and locks its row in one statement, so concurrent
     * uses of one challenge queue behind this transaction and then find it revoked (or, after {@link #release},
     * live again). Unknown, used, revoked and expired challenges are all empty alike. A sign-in that succeeds keeps it
     * revoked; one that is refused must release it, as the challenge stays good for another try.
     */
    public Mono<Challenge> claimLiveChallenge(String token, Instant now) {
        return challenges
                .claimLive(SessionTokens.sha256(token), now)
                .map(claimed -> new Challenge(claimed.sessionId(), claimed.userId()));
    }

    /** Undoes {@link #claimLiveChallenge} in the same transaction: the factor was refused, the challenge lives on. */
    public Mono<Void> release(Challenge challenge) {
        return challenges.release(challenge.sessionId());
    }

    /** Ends a session (a consumed challenge, a used setup token, the session behind an expired setup). */
    public Mono<Boolean> end(UUID sessionId) {
        return sessions.revoke(sessionId);
    }

    /**
     * Records that a full session passed its second factor at {@code at} (a step-up, or MFA just turned on by this
     * session): the mark {@link StepUpGuard} reads.
     */
    public Mono<Void> markVerified(UUID sessionId, Instant at, boolean viaRecoveryCode) {
        return db.sql("""
                        update auth_session set mfa_verified = true, mfa_verified_at = :at, via_recovery_code = :rc
                        where id = :id and kind = 'FULL' and revoked_at is null""")
                .bind("at", at)
                .bind("rc", viaRecoveryCode)
                .bind("id", sessionId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * A setup token lives as long as the first setup session started with it (which may begin a little after the
     * sign-in that issued the token). Only the first start extends it, so restarting setups cannot keep it alive.
     */
    public Mono<Void> extendSetupToken(UUID sessionId, Instant setupExpiresAt) {
        return db.sql("""
                        update auth_session set expires_at = :until
                        where id = :id and kind = 'MFA_SETUP' and revoked_at is null and expires_at < :until
                          and expires_at <= created_at + make_interval(secs => :validity)""")
                .bind("until", setupExpiresAt)
                .bind("id", sessionId)
                .bind("validity", (double) setupPolicy.sessionValidity().toSeconds())
                .fetch()
                .rowsUpdated()
                .then();
    }
}
