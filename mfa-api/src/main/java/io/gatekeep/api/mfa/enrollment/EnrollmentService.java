package io.gatekeep.api.mfa.enrollment;

import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.mfa.challenge.MfaSessions;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.enrollment.model.Enrollment;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.enrollment.model.SetupOutcome;
import io.gatekeep.api.mfa.enrollment.model.SetupSession;
import io.gatekeep.api.mfa.enrollment.model.SetupStatus;
import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.recovery.RecoveryCodeStore;
import io.gatekeep.api.mfa.verification.LockoutStore;
import io.gatekeep.api.mfa.verification.VerificationEvents;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.sessions.SignInService;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.mfa.MfaEnabled;
import io.gatekeep.events.mfa.MfaQrRefreshed;
import io.gatekeep.events.mfa.MfaSetupExpired;
import io.gatekeep.events.mfa.MfaSetupStarted;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * MFA setup from the profile or with a setup-only token. Each call is one transaction: load the state, let
 * {@link Enrollment} decide, store the decision with its event. A call that finds the setup session timed out ends
 * it (event) and ends the auth session that started it, and still commits: the caller gets 401 and signs in again.
 */
@Component
class EnrollmentService {

    private final Enrollment enrollment;
    private final SetupStore setups;
    private final CredentialStore credentials;
    private final RecoveryCodeStore recoveryCodes;
    private final LockoutStore lockouts;
    private final Users users;
    private final MfaSessions sessions;
    private final SignInService signIn;
    private final OutboxWriter outbox;
    private final VerificationEvents refusals;
    private final TransactionalOperator tx;
    private final Clock clock;

    EnrollmentService(
            Enrollment enrollment,
            SetupStore setups,
            CredentialStore credentials,
            RecoveryCodeStore recoveryCodes,
            LockoutStore lockouts,
            Users users,
            MfaSessions sessions,
            SignInService signIn,
            OutboxWriter outbox,
            VerificationEvents refusals,
            TransactionalOperator tx,
            Clock clock) {
        this.enrollment = enrollment;
        this.setups = setups;
        this.credentials = credentials;
        this.recoveryCodes = recoveryCodes;
        this.lockouts = lockouts;
        this.users = users;
        this.sessions = sessions;
        this.signIn = signIn;
        this.outbox = outbox;
        this.refusals = refusals;
        this.tx = tx;
        this.clock = clock;
    }

    /** Starts a setup session (superseding a pending one of the user). */
    public Mono<SetupResult> start(CurrentSession caller, String clientIp) {
        UUID userId = caller.userId();
        return transactional(caller, (user, mfaEnabled) -> {
            SetupOutcome.OnStart outcome = enrollment.start(userId, user.email(), caller.sessionId(), mfaEnabled);
            if (!(outcome instanceof SetupOutcome.Started started)) {
                return Mono.just(new SetupResult.Refused(outcome));
            }
            SetupSession setup = started.session();
            Mono<Void> extendToken = caller.kind() == SessionKind.MFA_SETUP
                    ? sessions.extendSetupToken(caller.sessionId(), setup.expiresAt())
                    : Mono.empty();
            return setups.supersedePending(userId, clock.instant())
                    .then()
                    .then(setups.insert(setup))
                    .flatMap(inserted -> inserted
                            ? Mono.empty()
                            : Mono.error(new ConcurrentMfaChange("A concurrent setup started", false)))
                    .then(outbox.append(
                            new MfaSetupStarted(userId, setup.id(), setup.qrExpiresAt(), setup.expiresAt(), clientIp)))
                    .then(extendToken)
                    .thenReturn(new SetupResult.Material(started.material()));
        });
    }

    /** A fresh secret and QR code in the current setup session; the old secret is discarded. */
    public Mono<SetupResult> refreshQr(CurrentSession caller, String clientIp) {
        return withLatestSetup(caller, (setup, user, mfaEnabled) -> {
            SetupOutcome.OnRefresh outcome = enrollment.refreshQr(setup, user.email(), mfaEnabled);
            if (outcome instanceof SetupOutcome.QrRefreshed refreshed) {
                SetupSession next = refreshed.session();
                return save(next)
                        .then(outbox.append(new MfaQrRefreshed(next.userId(), next.id(), next.qrExpiresAt(), clientIp)))
                        .thenReturn(new SetupResult.Material(refreshed.material()));
            }
            return ended((SetupOutcome.Ended) outcome);
        });
    }

    /**
     * Checks the code against the current QR's secret. A code that is checked (the session and QR are still valid)
     * is an MFA attempt: refused while locked, and a wrong one counts toward the lockout.
     */
    public Mono<SetupResult> verify(CurrentSession caller, String code, String clientIp) {
        return withLatestSetup(caller, (setup, user, mfaEnabled) -> {
            SetupOutcome.OnVerify outcome = enrollment.verify(setup, code, mfaEnabled);
            if (outcome instanceof SetupOutcome.Activated activated) {
                return attempt(caller.userId(), clientIp, attemptNumber -> activate(caller, activated, clientIp));
            }
            if (outcome instanceof SetupOutcome.InvalidCode) {
                return attempt(
                        caller.userId(),
                        clientIp,
                        attemptNumber -> invalidCode(caller.userId(), attemptNumber, outcome, clientIp));
            }
            if (outcome instanceof SetupOutcome.Ended ended) {
                return ended(ended);
            }
            return Mono.just(new SetupResult.Refused(outcome));
        });
    }

    private Mono<SetupResult> activate(CurrentSession caller, SetupOutcome.Activated activated, String clientIp) {
        Instant now = clock.instant();
        NewCredential credential = activated.credential();
        UUID userId = caller.userId();
        Mono<SetupResult> stored = save(activated.session())
                .then(credentials.insert(credential, activated.session().qrIssuedAt()))
                .flatMap(inserted -> inserted
                        ? Mono.empty()
                        : Mono.error(new ConcurrentMfaChange("MFA was enabled concurrently", true)))
                .then(recoveryCodes.insert(
                        credential.recoveryCodeId(), userId, credential.id(), credential.recoveryCodeHash(), now))
                .then(lockouts.attemptSucceeded(userId, now))
                .then(outbox.append(new MfaEnabled(
                        userId, credential.id(), activated.session().id(), clientIp)))
                .thenReturn(new SetupResult.Enabled(activated.recoveryCode(), null));
        if (caller.kind() != SessionKind.MFA_SETUP) {
            // The code that turned MFA on is a pass of the new credential: the session need not sign in again (or
            // step up) for the sensitive actions of the next step-up window.
            return stored.flatMap(result -> sessions.markVerified(caller.sessionId(), credential.enabledAt(), false)
                    .thenReturn(result));
        }
        // The setup token has done its job: it is replaced by a full session, verified by this very code.
        return stored.then(sessions.end(caller.sessionId()))
                .then(signIn.completeMfaSignIn(userId, SignInMethod.TOTP, now, false, List.of(), clientIp))
                .map(session -> new SetupResult.Enabled(activated.recoveryCode(), session));
    }

    private Mono<SetupResult> invalidCode(UUID userId, int attemptNumber, SetupOutcome outcome, String clientIp) {
        return lockouts.attemptFailed(userId, attemptNumber, clock.instant()).flatMap(failure -> {
            if (failure.lock().isPresent()) {
                VerificationOutcome.LockedOut locked =
                        new VerificationOutcome.LockedOut(failure.lock().get(), failure.lockStartedNow());
                return refusals.refused(userId, locked, Stage.SETUP, clientIp)
                        .thenReturn(new SetupResult.LockedOut(locked.lockout()));
            }
            return refusals.refused(
                            userId,
                            new VerificationOutcome.InvalidCode(failure.consecutiveFailures()),
                            Stage.SETUP,
                            clientIp)
                    .thenReturn(new SetupResult.Refused(outcome));
        });
    }

    /** Counts an attempt first; runs {@code check} only when the MFA step is not locked. */
    private Mono<SetupResult> attempt(
            UUID userId, String clientIp, java.util.function.IntFunction<Mono<SetupResult>> check) {
        return lockouts.beginAttempt(userId, clock.instant()).flatMap(decision -> {
            if (decision instanceof AttemptDecision.Permitted permitted) {
                return check.apply(permitted.attemptNumber());
            }
            AttemptDecision.Refused refused = (AttemptDecision.Refused) decision;
            return refusals.refused(
                            userId,
                            new VerificationOutcome.LockedOut(refused.lockout(), refused.lockedNow()),
                            Stage.SETUP,
                            clientIp)
                    .thenReturn(new SetupResult.LockedOut(refused.lockout()));
        });
    }

    /** The session is over (or MFA is on already). A timeout found now is recorded; its auth session ends. */
    private Mono<SetupResult> ended(SetupOutcome.Ended outcome) {
        if (!(outcome instanceof SetupOutcome.SessionExpired expired)) {
            return Mono.just(new SetupResult.Refused(outcome));
        }
        SetupSession setup = expired.session();
        Mono<Void> record = expired.justExpired()
                ? setups.update(setup, clock.instant())
                        .filter(Boolean::booleanValue)
                        .flatMap(saved ->
                                outbox.append(new MfaSetupExpired(setup.userId(), setup.id(), setup.expiresAt())))
                        .then()
                : Mono.empty();
        return record.then(sessions.end(setup.authSessionId())).thenReturn(new SetupResult.Refused(outcome));
    }

    private Mono<Void> save(SetupSession next) {
        return setups.update(next, clock.instant())
                .flatMap(saved -> saved
                        ? Mono.<Void>empty()
                        : Mono.error(new ConcurrentMfaChange("The setup session changed concurrently", false)));
    }

    private interface SetupStep {
        Mono<SetupResult> apply(SetupSession setup, UserAccount user, boolean mfaEnabled);
    }

    private Mono<SetupResult> withLatestSetup(CurrentSession caller, SetupStep step) {
        return transactional(
                caller,
                (user, mfaEnabled) -> setups.findLatest(caller.userId())
                        // a setup completed before MFA was turned off again is no session to continue
                        .filter(setup -> setup.status() != SetupStatus.COMPLETED || mfaEnabled)
                        .flatMap(setup -> step.apply(setup, user, mfaEnabled))
                        .switchIfEmpty(Mono.fromSupplier(SetupResult.NoSetup::new)));
    }

    private Mono<SetupResult> transactional(
            CurrentSession caller, BiFunction<UserAccount, Boolean, Mono<SetupResult>> work) {
        // Lock the user row: setup calls of one user run one after the other, so their decisions see each other.
        Mono<SetupResult> body = users.lockById(caller.userId())
                .flatMap(user -> credentials
                        .findActive(user.id())
                        .hasElement()
                        .flatMap(mfaEnabled -> work.apply(user, mfaEnabled)));
        return tx.transactional(body);
    }
}
