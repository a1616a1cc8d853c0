package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.challenge.MfaSessions;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.Verified;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.SessionRevocations;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.events.mfa.SecondFactor;
import io.gatekeep.events.mfa.StepUpSucceeded;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Re-verifies the second factor inside a signed-in session ({@code POST /api/v1/auth/step-up}), through the same
 * {@link SecondFactorVerifier} as the sign-in: the lockout first, then the code, then the replay guard (a code used to
 * sign in cannot step up, and the other way round). One transaction; refusals commit too, so failures count.
 * The recovery code does here what it does at sign-in: it turns MFA off and ends every other session of the account.
 */
@Component
class StepUp {

    private final CredentialStore credentials;
    private final SecondFactorVerifier verifier;
    private final MfaSessions sessions;
    private final SessionRevocations revocations;
    private final StepUpGuard guard;
    private final OutboxWriter outbox;
    private final VerificationEvents refusals;
    private final TransactionalOperator tx;
    private final Clock clock;

    StepUp(
            CredentialStore credentials,
            SecondFactorVerifier verifier,
            MfaSessions sessions,
            SessionRevocations revocations,
            StepUpGuard guard,
            OutboxWriter outbox,
            VerificationEvents refusals,
            TransactionalOperator tx,
            Clock clock) {
        this.credentials = credentials;
        this.verifier = verifier;
        this.sessions = sessions;
        this.revocations = revocations;
        this.guard = guard;
        this.outbox = outbox;
        this.refusals = refusals;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<StepUpResult> withCode(CurrentSession session, String code, String clientIp) {
        return verify(session, clientIp, userId -> verifier.verifyTotp(userId, code));
    }

    public Mono<StepUpResult> withRecoveryCode(CurrentSession session, String recoveryCode, String clientIp) {
        return verify(session, clientIp, userId -> verifier.verifyRecoveryCode(userId, recoveryCode));
    }

    private Mono<StepUpResult> verify(
            CurrentSession session, String clientIp, Function<UUID, Mono<VerificationOutcome>> factor) {
        UUID userId = session.userId();
        Mono<StepUpResult> work = credentials
                .findActive(userId)
                .hasElement()
                .flatMap(enabled -> !enabled
                        ? Mono.just(new StepUpResult.NotEnabled())
                        : factor.apply(userId).flatMap(outcome -> settle(session, outcome, clientIp)));
        return tx.transactional(work);
    }

    private Mono<StepUpResult> settle(CurrentSession session, VerificationOutcome outcome, String clientIp) {
        UUID userId = session.userId();
        Instant now = clock.instant();
        if (outcome instanceof Verified verified) {
            return sessions.markVerified(session.sessionId(), now, false)
                    .then(outbox.appendAll(List.of(
                            new MfaVerificationSucceeded(userId, verified.credentialId(), SecondFactor.TOTP, clientIp),
                            new StepUpSucceeded(userId, session.sessionId(), SecondFactor.TOTP, clientIp))))
                    .thenReturn(new StepUpResult.Verified(now, now.plus(guard.window()), false));
        }
        if (outcome instanceof RecoveryCodeAccepted accepted) {
            return sessions.markVerified(session.sessionId(), now, true)
                    .then(outbox.appendAll(List.of(
                            new RecoveryCodeUsed(userId, accepted.credentialId(), clientIp),
                            new MfaVerificationSucceeded(
                                    userId, accepted.credentialId(), SecondFactor.RECOVERY_CODE, clientIp),
                            new MfaDisabled(
                                    userId,
                                    accepted.credentialId(),
                                    MfaDisabled.Reason.RECOVERY_CODE,
                                    userId,
                                    null,
                                    clientIp),
                            new StepUpSucceeded(userId, session.sessionId(), SecondFactor.RECOVERY_CODE, clientIp))))
                    // whoever else holds a session may be the reason the recovery code was needed
                    .then(revocations.endAll(
                            userId, session.sessionId(), SessionsRevoked.Reason.RECOVERY_CODE, clientIp))
                    .thenReturn(new StepUpResult.Verified(now, now.plus(guard.window()), true));
        }
        return refusals.refused(userId, outcome, Stage.STEP_UP, clientIp).thenReturn(new StepUpResult.Refused(outcome));
    }
}
