package io.gatekeep.api.mfa.application;

import io.gatekeep.api.enforcement.MfaRequirement;
import io.gatekeep.api.mfa.application.MfaSessions.Challenge;
import io.gatekeep.api.mfa.verification.VerificationOutcome;
import io.gatekeep.api.mfa.verification.VerificationOutcome.ChallengeExpired;
import io.gatekeep.api.mfa.verification.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.VerificationOutcome.Verified;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.SessionRevocations;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.api.sessions.SignInService;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The second step of a sign-in: a challenge plus a TOTP code or the recovery code. One transaction claims the
 * challenge (revoked and locked: concurrent uses of one challenge queue behind it), checks the factor (lockout, code,
 * replay guard), releases the challenge again when the factor is refused, and records every outcome's events;
 * refusals commit too, so failures count.
 */
@Component
public class MfaSignIn {

    private final MfaSessions sessions;
    private final SecondFactorVerifier verifier;
    private final TotpSignInFastPath fastPath;
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
            TotpSignInFastPath fastPath,
            SignInService signIn,
            MfaRequirement requirement,
            OutboxWriter outbox,
            VerificationEvents refusals,
            TransactionalOperator tx,
            SessionRevocations revocations,
            Clock clock) {
        this.sessions = sessions;
        this.verifier = verifier;
        this.fastPath = fastPath;
        this.signIn = signIn;
        this.requirement = requirement;
        this.outbox = outbox;
        this.refusals = refusals;
        this.tx = tx;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** Usually settled by the {@link TotpSignInFastPath}; this class's full path answers everything else. */
    public Mono<MfaSignInResult> withCode(String challengeToken, String code, String clientIp) {
        return fastPath.signIn(
                challengeToken,
                code,
                clientIp,
                () -> complete(challengeToken, clientIp, userId -> verifier.verifyTotp(userId, code)));
    }

    public Mono<MfaSignInResult> withRecoveryCode(String challengeToken, String recoveryCode, String clientIp) {
        return complete(challengeToken, clientIp, userId -> verifier.verifyRecoveryCode(userId, recoveryCode));
    }

    private Mono<MfaSignInResult> complete(
            String challengeToken,
            String clientIp,
            java.util.function.Function<UUID, Mono<VerificationOutcome>> factor) {
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
