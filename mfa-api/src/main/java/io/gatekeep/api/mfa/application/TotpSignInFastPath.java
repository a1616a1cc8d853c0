package io.gatekeep.api.mfa.application;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.store.TotpSignInStore;
import io.gatekeep.api.mfa.store.TotpSignInStore.Completion;
import io.gatekeep.api.mfa.store.TotpSignInStore.SignInState;
import io.gatekeep.api.mfa.totp.MatchedStep;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.verification.VerificationOutcome.ChallengeExpired;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.outbox.OutboxWriter.GuardedInsert;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.api.web.RequestUserAgent;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import reactor.core.publisher.Mono;

/**
 * A sign-in with a TOTP code that will be accepted, in two statements and no transaction of its own: almost every
 * {@code POST /auth/mfa} is one. It reads the challenge with its credential and lockout state, checks the code, and
 * only when the code is valid for a step newer than the last accepted one and the lockout permits an attempt, does the
 * whole success (step consumed, challenge revoked, failures reset, session and events stored) in one statement that
 * re-checks those conditions under row locks ({@link TotpSignInStore#complete}). Anything else, and a success that a
 * concurrent request overtook, goes to the full path, which counts the attempt before checking the code and answers
 * every refusal: so this changes how fast a sign-in succeeds, never what is answered.
 *
 * <p>Skipping the count for a valid code keeps the lockout's guarantee: the code is checked only if the lockout
 * permitted an attempt when read, a success commits only if it still does under the lockout row's lock (so it takes
 * its place among concurrent counted attempts like any attempt would), and an invalid code is counted by the full path
 * before anything is answered.
 */
public class TotpSignInFastPath {

    private final TotpSignInStore store;
    private final Sessions sessions;
    private final OutboxWriter outbox;
    private final SecretCipher cipher;
    private final Totp totp;
    private final LockoutPolicy lockoutPolicy;
    private final Clock clock;

    public TotpSignInFastPath(
            TotpSignInStore store,
            Sessions sessions,
            OutboxWriter outbox,
            SecretCipher cipher,
            Totp totp,
            LockoutPolicy lockoutPolicy,
            Clock clock) {
        this.store = store;
        this.sessions = sessions;
        this.outbox = outbox;
        this.cipher = cipher;
        this.totp = totp;
        this.lockoutPolicy = lockoutPolicy;
        this.clock = clock;
    }

    /** Signs in with {@code code}, or answers what {@code fullPath} answers when this cannot decide alone. */
    public Mono<MfaSignInResult> signIn(
            String challengeToken, String code, String clientIp, Supplier<Mono<MfaSignInResult>> fullPath) {
        Instant now = clock.instant();
        return store.lookUp(SessionTokens.sha256(challengeToken), now)
                .flatMap(state -> freshStep(state, code, now)
                        .map(step -> complete(state, step, clientIp, now, fullPath))
                        .orElseGet(fullPath))
                .switchIfEmpty(Mono.fromSupplier(() -> new MfaSignInResult.Refused(new ChallengeExpired())));
    }

    /** The step {@code code} matches, when the lockout permits an attempt and the step was never accepted. */
    private Optional<Long> freshStep(SignInState state, String code, Instant now) {
        if (!state.lockout().permitsAttempt(lockoutPolicy, now)
                || state.credential().isEmpty()) {
            return Optional.empty();
        }
        ActiveCredential credential = state.credential().get();
        return totp.match(cipher.decrypt(credential.userId(), credential.secret()), code)
                .map(MatchedStep::step)
                .filter(step -> credential.lastUsedStep() == null || step > credential.lastUsedStep());
    }

    private Mono<MfaSignInResult> complete(
            SignInState state, long step, String clientIp, Instant now, Supplier<Mono<MfaSignInResult>> fullPath) {
        return Mono.deferContextual(
                context -> complete(state, step, clientIp, RequestUserAgent.of(context), now, fullPath));
    }

    private Mono<MfaSignInResult> complete(
            SignInState state,
            long step,
            String clientIp,
            String userAgent,
            Instant now,
            Supplier<Mono<MfaSignInResult>> fullPath) {
        ActiveCredential credential = state.credential().orElseThrow();
        PendingSession session = sessions.pendingMfaVerified(state.userId(), now, clientIp, userAgent);
        GuardedInsert events = outbox.insertWhere(
                List.of(
                        new MfaVerificationSucceeded(state.userId(), credential.id(), SecondFactor.TOTP, clientIp),
                        new SignedIn(state.userId(), session.issued().sessionId(), SignInMethod.TOTP, clientIp)),
                TotpSignInStore.WHEN_COMPLETED);
        Completion completion = new Completion(state.challengeId(), state.userId(), credential.id(), step, now);
        return store.complete(completion, session, events)
                .flatMap(completed -> completed
                        ? Mono.just(new MfaSignInResult.Passed(
                                new SignInOutcome.Authenticated(state.userId(), session.issued()), false))
                        : fullPath.get());
    }
}
