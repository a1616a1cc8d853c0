package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.enforcement.MfaRequirement;
import io.gatekeep.api.mfa.challenge.MfaSessions;
import io.gatekeep.api.mfa.challenge.MfaSessions.Challenge;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.MatchedStep;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.verification.TotpSignInStore.AtOnce;
import io.gatekeep.api.mfa.verification.TotpSignInStore.Completion;
import io.gatekeep.api.mfa.verification.TotpSignInStore.SignInState;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.ChallengeExpired;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.Verified;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.outbox.OutboxWriter.GuardedEvents;
import io.gatekeep.api.sessions.SessionRevocations;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.api.sessions.SignInService;
import io.gatekeep.api.web.RequestUserAgent;
import io.gatekeep.credentials.CarriedWrite;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The second step of a sign-in: a challenge plus a TOTP code or the recovery code.
 *
 * <p>A TOTP code that will be accepted (almost every {@code POST /auth/mfa}) takes two statements and no transaction of
 * its own: {@link TotpSignInStore#lookUp} reads the challenge with its credential and lockout state, the code is
 * checked here, and only when it is valid for a step newer than the last accepted one and the lockout permits an
 * attempt does {@link TotpSignInStore#complete} store the whole success (step consumed, challenge revoked, failures
 * reset, session and events) in one statement that re-checks those conditions under row locks. Skipping the count for
 * a valid code keeps the lockout's guarantee: the code is checked only if the lockout permitted an attempt when read,
 * and a success commits only if it still does under the lockout row's lock, taking its place among concurrent counted
 * attempts like any attempt would.
 *
 * <p>Everything else (an invalid or replayed code, a lock, the recovery code, a success a concurrent request overtook)
 * takes the full path: one transaction claims the challenge (revoked and locked: concurrent uses of one challenge
 * queue behind it), checks the factor (lockout counted first, code, replay guard), releases the challenge again when
 * the factor is refused, and records every outcome's events; refusals commit too, so failures count. The full path
 * decides every refusal, so the short one changes how fast a sign-in succeeds, never what is answered.
 */
@Component
public class MfaSignIn {

    private final MfaSessions sessions;
    private final SecondFactorVerifier verifier;
    private final TotpSignInStore signIns;
    private final Sessions sessionRows;
    private final SecretCipher cipher;
    private final Totp totp;
    private final LockoutPolicy lockoutPolicy;
    private final SignInService signIn;
    private final MfaRequirement requirement;
    private final OutboxWriter outbox;
    private final VerificationEvents refusals;
    private final TransactionalOperator tx;
    private final SessionRevocations revocations;
    private final Clock clock;

    MfaSignIn(
            MfaSessions sessions,
            SecondFactorVerifier verifier,
            TotpSignInStore signIns,
            Sessions sessionRows,
            SecretCipher cipher,
            Totp totp,
            LockoutPolicy lockoutPolicy,
            SignInService signIn,
            MfaRequirement requirement,
            OutboxWriter outbox,
            VerificationEvents refusals,
            TransactionalOperator tx,
            SessionRevocations revocations,
            Clock clock) {
        this.sessions = sessions;
        this.verifier = verifier;
        this.signIns = signIns;
        this.sessionRows = sessionRows;
        this.cipher = cipher;
        this.totp = totp;
        this.lockoutPolicy = lockoutPolicy;
        this.signIn = signIn;
        this.requirement = requirement;
        this.outbox = outbox;
        this.refusals = refusals;
        this.tx = tx;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Signs in with a TOTP code: in two statements when it will be accepted, else by the full path. */
    public Mono<MfaSignInResult> withCode(String challengeToken, String code, String clientIp) {
        Instant now = clock.instant();
        return signIns.lookUp(SessionTokens.sha256(challengeToken), now)
                .flatMap(state -> freshStep(state.credential(), state.lockout(), code, now)
                        .map(step -> Mono.deferContextual(context ->
                                        completeAccepted(state, step, clientIp, RequestUserAgent.of(context), now))
                                .flatMap(completed -> completed
                                        .<Mono<MfaSignInResult>>map(Mono::just)
                                        .orElseGet(() -> fullPathWithCode(challengeToken, code, clientIp))))
                        .orElseGet(() -> fullPathWithCode(challengeToken, code, clientIp)))
                .switchIfEmpty(Mono.fromSupplier(() -> new MfaSignInResult.Refused(new ChallengeExpired())));
    }

    /**
     * The one-request form's common case, the moment the password matched: in two statements ({@link
     * TotpSignInStore#refundAndLookUp}, then {@link TotpSignInStore#completeAtOnce}) and no challenge, under the same
     * conditions as {@link #withCode}'s short path. Empty, with nothing written but {@code refund}, when the code is not
     * a fresh valid one, the lockout does not permit an attempt, the user has no MFA or a concurrent request changed
     * the state first: the caller then takes the two-step way, whose full path decides every refusal.
     */
    public Mono<Optional<SignInOutcome.Authenticated>> atOnce(
            UUID userId, String code, CarriedWrite refund, String clientIp) {
        Instant now = clock.instant();
        return signIns.refundAndLookUp(userId, refund)
                .flatMap(state -> freshStep(state.credential(), state.lockout(), code, now)
                        .map(step -> Mono.deferContextual(context -> completeAtOnce(
                                userId,
                                state.credential().orElseThrow(),
                                step,
                                clientIp,
                                RequestUserAgent.of(context),
                                now)))
                        .orElseGet(() -> Mono.just(Optional.empty())));
    }

    private Mono<Optional<SignInOutcome.Authenticated>> completeAtOnce(
            UUID userId, ActiveCredential credential, long step, String clientIp, String userAgent, Instant now) {
        PendingSession session = sessionRows.pendingMfaVerified(userId, now, clientIp, userAgent);
        GuardedEvents events = signedInEvents(userId, credential, session, clientIp);
        return signIns.completeAtOnce(new AtOnce(userId, credential.id(), step, now), session, events)
                .map(completed -> completed
                        ? Optional.of(new SignInOutcome.Authenticated(userId, session.issued()))
                        : Optional.empty());
    }

    private GuardedEvents signedInEvents(
            UUID userId, ActiveCredential credential, PendingSession session, String clientIp) {
        return outbox.insertWhere(
                List.of(
                        new MfaVerificationSucceeded(userId, credential.id(), SecondFactor.TOTP, clientIp),
                        new SignedIn(userId, session.issued().sessionId(), SignInMethod.TOTP, clientIp)),
                TotpSignInStore.WHEN_COMPLETED);
    }

    /** The step {@code code} matches, when the lockout permits an attempt and the step was never accepted. */
    private Optional<Long> freshStep(
            Optional<ActiveCredential> active, LockoutState lockout, String code, Instant now) {
        if (!lockout.permitsAttempt(lockoutPolicy, now) || active.isEmpty()) {
            return Optional.empty();
        }
        ActiveCredential credential = active.get();
        return totp.match(cipher.decrypt(credential.userId(), credential.secret()), code)
                .map(MatchedStep::step)
                .filter(step -> credential.lastUsedStep() == null || step > credential.lastUsedStep());
    }

    /** The success in one statement; empty when a concurrent request changed the state first (nothing written). */
    private Mono<Optional<MfaSignInResult>> completeAccepted(
            SignInState state, long step, String clientIp, String userAgent, Instant now) {
        ActiveCredential credential = state.credential().orElseThrow();
        PendingSession session = sessionRows.pendingMfaVerified(state.userId(), now, clientIp, userAgent);
        GuardedEvents events = signedInEvents(state.userId(), credential, session, clientIp);
        Completion completion = new Completion(state.challengeId(), state.userId(), credential.id(), step, now);
        return signIns.complete(completion, session, events)
                .map(completed -> completed
                        ? Optional.of(new MfaSignInResult.Passed(
                                new SignInOutcome.Authenticated(state.userId(), session.issued()), false))
                        : Optional.empty());
    }

    private Mono<MfaSignInResult> fullPathWithCode(String challengeToken, String code, String clientIp) {
        return complete(challengeToken, clientIp, userId -> verifier.verifyTotp(userId, code));
    }

    public Mono<MfaSignInResult> withRecoveryCode(String challengeToken, String recoveryCode, String clientIp) {
        return complete(challengeToken, clientIp, userId -> verifier.verifyRecoveryCode(userId, recoveryCode));
    }

    private Mono<MfaSignInResult> complete(
            String challengeToken, String clientIp, Function<UUID, Mono<VerificationOutcome>> factor) {
        Instant now = clock.instant();
        Mono<MfaSignInResult> work = sessions.claimLiveChallenge(challengeToken, now)
                .flatMap(challenge ->
                        factor.apply(challenge.userId()).flatMap(outcome -> settle(challenge, outcome, clientIp, now)))
                .defaultIfEmpty(new MfaSignInResult.Refused(new ChallengeExpired()));
        return tx.transactional(work);
    }

    private Mono<MfaSignInResult> settle(
            Challenge challenge, VerificationOutcome outcome, String clientIp, Instant now) {
        UUID userId = challenge.userId();
        if (outcome instanceof Verified verified) {
            return signIn.completeMfaSignIn(
                            userId,
                            SignInMethod.TOTP,
                            now,
                            false,
                            List.of(new MfaVerificationSucceeded(
                                    userId, verified.credentialId(), SecondFactor.TOTP, clientIp)),
                            clientIp)
                    .map(session -> new MfaSignInResult.Passed(session, false));
        }
        if (outcome instanceof RecoveryCodeAccepted accepted) {
            List<EventPayload> events = List.of(
                    new RecoveryCodeUsed(userId, accepted.credentialId(), clientIp),
                    new MfaVerificationSucceeded(userId, accepted.credentialId(), SecondFactor.RECOVERY_CODE, clientIp),
                    new MfaDisabled(
                            userId, accepted.credentialId(), MfaDisabled.Reason.RECOVERY_CODE, userId, null, clientIp));
            return afterRecoveryCode(userId, events, clientIp, now).map(next -> new MfaSignInResult.Passed(next, true));
        }
        return sessions.release(challenge)
                .then(refusals.refused(userId, outcome, Stage.SIGN_IN, clientIp))
                .thenReturn(new MfaSignInResult.Refused(outcome));
    }

    /**
     * MFA is off now: a full session, unless an organization enforces MFA (then straight back to setup). Every other
     * session of the account ends: whoever holds one may be why the owner needed the recovery code.
     */
    private Mono<SignInOutcome> afterRecoveryCode(
            UUID userId, List<EventPayload> events, String clientIp, Instant now) {
        return requirement
                .isRequiredFor(userId)
                .flatMap(required -> required
                        ? outbox.appendAll(events)
                                .then(sessions.issueSetupToken(userId, clientIp))
                                .flatMap(token -> endOthers(userId, token.sessionId(), clientIp)
                                        .thenReturn(new SignInOutcome.MfaSetupRequired(
                                                userId, token.token(), token.expiresAt())))
                        : signIn.completeMfaSignIn(userId, SignInMethod.RECOVERY_CODE, now, true, events, clientIp)
                                .flatMap(signedIn -> endOthers(
                                                userId, signedIn.session().sessionId(), clientIp)
                                        .thenReturn(signedIn)));
    }

    private Mono<Long> endOthers(UUID userId, UUID keptSessionId, String clientIp) {
        return revocations.endAll(userId, keptSessionId, SessionsRevoked.Reason.RECOVERY_CODE, clientIp);
    }
}
