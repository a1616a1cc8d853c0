package io.gatekeep.api.mfa.application;

import io.gatekeep.api.mfa.credential.ActiveCredential;
import io.gatekeep.api.mfa.credential.RevocationReason;
import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.recovery.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.store.CredentialStore;
import io.gatekeep.api.mfa.store.LockoutStore;
import io.gatekeep.api.mfa.store.RecoveryCodeStore;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.verification.VerificationOutcome;
import io.gatekeep.api.mfa.verification.VerificationOutcome.CodeAlreadyUsed;
import io.gatekeep.api.mfa.verification.VerificationOutcome.InvalidCode;
import io.gatekeep.api.mfa.verification.VerificationOutcome.LockedOut;
import io.gatekeep.api.mfa.verification.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.VerificationOutcome.Verified;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Checks a second factor for a user whose challenge (or session) the caller has already validated: the lockout
 * first, then the code, then the replay guard; a refused code counts toward the lockout, an accepted one resets it.
 * Used for sign-in ({@code POST /auth/mfa}) and for turning MFA off. Never answers {@code ChallengeExpired}: that is
 * the caller's check, made before this one.
 */
public class SecondFactorVerifier {

    private final CredentialStore credentials;
    private final RecoveryCodeStore recoveryCodes;
    private final LockoutStore lockouts;
    private final SecretCipher cipher;
    private final Totp totp;
    private final Clock clock;

    public SecondFactorVerifier(CredentialStore credentials, RecoveryCodeStore recoveryCodes, LockoutStore lockouts,
                                SecretCipher cipher, Totp totp, Clock clock) {
        this.credentials = credentials;
        this.recoveryCodes = recoveryCodes;
        this.lockouts = lockouts;
        this.cipher = cipher;
        this.totp = totp;
        this.clock = clock;
    }

    /**
     * A TOTP code. Emits {@code Verified}, {@code InvalidCode}, {@code CodeAlreadyUsed} or {@code LockedOut}; a user
     * without an active credential gets {@code InvalidCode} (the attempt still counts).
     */
    public Mono<VerificationOutcome> verifyTotp(UUID userId, String code) {
        Instant now = clock.instant();
        return attempt(userId, now, attemptNumber -> credentials.findActive(userId)
                .flatMap(credential -> checkTotp(credential, code, now))
                .defaultIfEmpty(Result.mismatch())
                .flatMap(result -> settle(userId, attemptNumber, result, now)));
    }

    /**
     * The recovery code. On success the code is consumed and MFA is turned off (credential and codes revoked with
     * reason RECOVERY_CODE) by the caller's same transaction; emits {@code RecoveryCodeAccepted}, {@code InvalidCode}
     * or {@code LockedOut}.
     */
    public Mono<VerificationOutcome> verifyRecoveryCode(UUID userId, String input) {
        Instant now = clock.instant();
        return attempt(userId, now, attemptNumber -> RecoveryCode.parse(input)
                .map(code -> recoveryCodes.consume(userId, code.hash(), now)
                        .flatMap(credentialId -> credentials.revokeActive(userId, RevocationReason.RECOVERY_CODE, now)
                                .defaultIfEmpty(credentialId))
                        .flatMap(credentialId -> lockouts.attemptSucceeded(userId, now)
                                .thenReturn((VerificationOutcome) new RecoveryCodeAccepted(credentialId))))
                .orElse(Mono.empty())
                .switchIfEmpty(Mono.defer(() -> settle(userId, attemptNumber, Result.mismatch(), now))));
    }

    private Mono<VerificationOutcome> attempt(UUID userId, Instant now,
                                              Function<Integer, Mono<VerificationOutcome>> check) {
        return lockouts.beginAttempt(userId, now).flatMap(decision -> {
            if (decision instanceof AttemptDecision.Permitted permitted) {
                return check.apply(permitted.attemptNumber());
            }
            AttemptDecision.Refused refused = (AttemptDecision.Refused) decision;
            return Mono.just(new LockedOut(refused.lockout(), refused.lockedNow()));
        });
    }

    private Mono<Result> checkTotp(ActiveCredential credential, String code, Instant now) {
        return totp.match(cipher.decrypt(credential.userId(), credential.secret()), code)
                .map(matched -> credentials.consumeStep(credential.id(), matched.step(), now)
                        .map(fresh -> fresh ? Result.accepted(credential.id(), matched.step()) : Result.replay()))
                .orElse(Mono.just(Result.mismatch()));
    }

    private Mono<VerificationOutcome> settle(UUID userId, int attemptNumber, Result result, Instant now) {
        if (result.verified() != null) {
            return lockouts.attemptSucceeded(userId, now).thenReturn(result.verified());
        }
        return lockouts.attemptFailed(userId, attemptNumber, now).map((FailureRecorded failure) ->
                failure.lockedNow().<VerificationOutcome>map(lockout -> new LockedOut(lockout, true))
                        .orElseGet(() -> result.replayed()
                                ? new CodeAlreadyUsed(failure.consecutiveFailures())
                                : new InvalidCode(failure.consecutiveFailures())));
    }

    /** What the code check found before the lockout is settled. */
    private record Result(Verified verified, boolean replayed) {

        static Result accepted(UUID credentialId, long step) {
            return new Result(new Verified(credentialId, step), false);
        }

        static Result replay() {
            return new Result(null, true);
        }

        static Result mismatch() {
            return new Result(null, false);
        }
    }
}
