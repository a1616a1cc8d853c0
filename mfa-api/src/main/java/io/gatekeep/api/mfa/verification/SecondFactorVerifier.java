package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.credential.model.RevocationReason;
import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.FailureRecorded;
import io.gatekeep.api.mfa.recovery.RecoveryCodeStore;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.MatchedStep;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.verification.TotpAttemptStore.CountedAttempt;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.CodeAlreadyUsed;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.InvalidCode;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.LockedOut;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.Verified;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Checks a second factor for a user whose challenge (or session) the caller has already validated: the lockout
 * first, then the code, then the replay guard; a refused code counts toward the lockout, an accepted one resets it.
 * Used for sign-in ({@code POST /auth/mfa}) and for turning MFA off. Never answers {@code ChallengeExpired}: that is
 * the caller's check, made before this one.
 */
@Component
public class SecondFactorVerifier {

    private final CredentialStore credentials;
    private final RecoveryCodeStore recoveryCodes;
    private final LockoutStore lockouts;
    private final TotpAttemptStore totpAttempts;
    private final SecretCipher cipher;
    private final Totp totp;
    private final Clock clock;

    SecondFactorVerifier(
            CredentialStore credentials,
            RecoveryCodeStore recoveryCodes,
            LockoutStore lockouts,
            TotpAttemptStore totpAttempts,
            SecretCipher cipher,
            Totp totp,
            Clock clock) {
        this.credentials = credentials;
        this.recoveryCodes = recoveryCodes;
        this.lockouts = lockouts;
        this.totpAttempts = totpAttempts;
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
        // Usually one statement counts the attempt and reads the credential. When it did not count the attempt
        // (locked, or attempts used up), the lockout store's full path decides, and may start the lock.
        return totpAttempts
                .begin(userId, now)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(counted -> counted.isPresent()
                        ? checkTotp(userId, counted.get(), code, now)
                        : attempt(
                                userId,
                                now,
                                attemptNumber -> credentials
                                        .findActive(userId)
                                        .map(Optional::of)
                                        .defaultIfEmpty(Optional.empty())
                                        .flatMap(credential -> checkTotp(
                                                userId, new CountedAttempt(attemptNumber, credential), code, now))));
    }

    /**
     * The recovery code. On success the code is consumed and MFA is turned off (credential and codes revoked with
     * reason RECOVERY_CODE) by the caller's same transaction; emits {@code RecoveryCodeAccepted}, {@code InvalidCode}
     * or {@code LockedOut}.
     */
    public Mono<VerificationOutcome> verifyRecoveryCode(UUID userId, String input) {
        Instant now = clock.instant();
        return attempt(
                userId,
                now,
                attemptNumber -> RecoveryCode.parse(input)
                        .map(code -> recoveryCodes
                                .consume(userId, code.hash(), now)
                                .flatMap(credentialId -> credentials
                                        .revokeActive(userId, RevocationReason.RECOVERY_CODE, now)
                                        .defaultIfEmpty(credentialId))
                                .flatMap(credentialId -> lockouts.attemptSucceeded(userId, now)
                                        .thenReturn((VerificationOutcome) new RecoveryCodeAccepted(credentialId))))
                        .orElse(Mono.empty())
                        .switchIfEmpty(Mono.defer(() -> refuse(userId, attemptNumber, false, now))));
    }

    private Mono<VerificationOutcome> attempt(
            UUID userId, Instant now, Function<Integer, Mono<VerificationOutcome>> check) {
        return lockouts.beginAttempt(userId, now).flatMap(decision -> {
            if (decision instanceof AttemptDecision.Permitted permitted) {
                return check.apply(permitted.attemptNumber());
            }
            AttemptDecision.Refused refused = (AttemptDecision.Refused) decision;
            return Mono.just(new LockedOut(refused.lockout(), refused.lockedNow()));
        });
    }

    /** The attempt is counted: now the code; an accepted step also resets the failures, in the same statement. */
    private Mono<VerificationOutcome> checkTotp(UUID userId, CountedAttempt attempt, String code, Instant now) {
        Optional<ActiveCredential> credential = attempt.credential();
        Optional<MatchedStep> matched =
                credential.flatMap(c -> totp.match(cipher.decrypt(c.userId(), c.secret()), code));
        if (matched.isEmpty()) {
            return refuse(userId, attempt.attemptNumber(), false, now);
        }
        UUID credentialId = credential.get().id();
        long step = matched.get().step();
        return totpAttempts
                .accept(userId, credentialId, step, now)
                .flatMap(fresh -> fresh
                        ? Mono.just(new Verified(credentialId, step))
                        : refuse(userId, attempt.attemptNumber(), true, now));
    }

    /** A refused code: already counted when its attempt began; the last allowed one starts the lock. */
    private Mono<VerificationOutcome> refuse(UUID userId, int attemptNumber, boolean replayed, Instant now) {
        return lockouts.attemptFailed(userId, attemptNumber, now)
                .map((FailureRecorded failure) -> failure.lock()
                        .<VerificationOutcome>map(lockout -> new LockedOut(lockout, failure.lockStartedNow()))
                        .orElseGet(() -> replayed
                                ? new CodeAlreadyUsed(failure.consecutiveFailures())
                                : new InvalidCode(failure.consecutiveFailures())));
    }
}
