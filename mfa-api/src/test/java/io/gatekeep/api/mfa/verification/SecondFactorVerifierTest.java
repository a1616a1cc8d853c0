package io.gatekeep.api.mfa.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.Concurrently;
import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.ReferenceTotp;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.lockout.Lockout;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.recovery.RecoveryCodeStore;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.CodeAlreadyUsed;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.InvalidCode;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.LockedOut;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.RecoveryCodeAccepted;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.Verified;
import io.gatekeep.testing.MutableClock;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;

class SecondFactorVerifierTest {

    private static final Instant ENABLED_AT = Instant.parse("2026-03-01T10:00:00Z");
    private static final MfaDatabase DB = MfaDatabase.create();

    private final MutableClock clock = new MutableClock(ENABLED_AT);
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));
    private final CredentialStore credentials = new CredentialStore(DB.client);
    private final RecoveryCodeStore recoveryCodes = new RecoveryCodeStore(DB.client);
    private final SecondFactorVerifier verifier = verifierOn(DB.client);

    private final UUID user = DB.newUser();
    private final TotpSecret secret = new TotpSecretGenerator().generate();
    private final RecoveryCode recoveryCode = RecoveryCode.generate(new SecureRandom());
    private final UUID credentialId = enroll();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void acceptsTheAppsCurrentCodeOnce() {
        clock.advance(Duration.ofMinutes(2));

        assertThat(verify(appCode()))
                .isEqualTo(new Verified(credentialId, clock.instant().getEpochSecond() / 30));
        assertThat(verify(appCode())).isEqualTo(new CodeAlreadyUsed(1));
    }

    @Test
    void refusesTheSetupCodeReplayedAtSignIn() {
        assertThat(verify(appCode())).isInstanceOf(CodeAlreadyUsed.class);
    }

    @Test
    void refusesAWrongCodeAndCountsIt() {
        clock.advance(Duration.ofMinutes(2));

        assertThat(verify(wrongCode())).isEqualTo(new InvalidCode(1));
        assertThat(verify(wrongCode())).isEqualTo(new InvalidCode(2));
        assertThat(verify(appCode())).isInstanceOf(Verified.class);
        assertThat(verify(wrongCode())).as("a success starts the count again").isEqualTo(new InvalidCode(1));
    }

    @Test
    void locksOnTheFifthWrongCodeAndThenRefusesEvenTheRightOne() {
        clock.advance(Duration.ofMinutes(2));
        for (int i = 0; i < 4; i++) {
            verify(wrongCode());
        }
        Lockout lockout = new Lockout(clock.instant().plus(Duration.ofMinutes(15)), 1);

        assertThat(verify(wrongCode())).isEqualTo(new LockedOut(lockout, true));
        clock.advance(Duration.ofMinutes(1));
        assertThat(verify(appCode())).isEqualTo(new LockedOut(lockout, false));
        assertThat(((LockedOut) verify(appCode())).retryAfterSeconds(clock.instant()))
                .isEqualTo(14 * 60);

        clock.advance(Duration.ofMinutes(14));
        assertThat(verify(appCode())).isInstanceOf(Verified.class);
    }

    @Test
    void recoveryCodeSignsInOnceAndTurnsMfaOff() {
        String typed = recoveryCode.formatted().toLowerCase();

        assertThat(verifier.verifyRecoveryCode(user, typed).block()).isEqualTo(new RecoveryCodeAccepted(credentialId));

        assertThat(credentials.findActive(user).blockOptional()).isEmpty();
        assertThat(verifier.verifyRecoveryCode(user, typed).block()).isEqualTo(new InvalidCode(1));
        clock.advance(Duration.ofMinutes(2));
        assertThat(verify(appCode())).as("the credential is gone").isInstanceOf(InvalidCode.class);
    }

    @Test
    void refusesAMalformedOrWrongRecoveryCodeAndCountsIt() {
        assertThat(verifier.verifyRecoveryCode(user, "not a code").block()).isEqualTo(new InvalidCode(1));
        assertThat(verifier.verifyRecoveryCode(
                                user, RecoveryCode.generate(new SecureRandom()).formatted())
                        .block())
                .isEqualTo(new InvalidCode(2));
        assertThat(credentials.findActive(user).blockOptional()).isPresent();
    }

    @Test
    void fiftyParallelSubmissionsOfOneValidCodeOnTwoInstancesVerifyExactlyOnce() {
        clock.advance(Duration.ofMinutes(2));
        String code = appCode();
        List<SecondFactorVerifier> instances = List.of(verifierOn(DB.newInstance()), verifierOn(DB.newInstance()));

        List<VerificationOutcome> outcomes =
                Concurrently.submit(50, i -> instances.get(i % 2).verifyTotp(user, code));

        assertThat(outcomes).filteredOn(Verified.class::isInstance).hasSize(1);
        assertThat(outcomes)
                .allMatch(o -> o instanceof Verified || o instanceof CodeAlreadyUsed || o instanceof LockedOut);
    }

    @Test
    void fiftyParallelWrongCodesOnTwoInstancesCheckAtMostFiveAndLockOnce() {
        clock.advance(Duration.ofMinutes(2));
        String wrong = wrongCode();
        List<SecondFactorVerifier> instances = List.of(verifierOn(DB.newInstance()), verifierOn(DB.newInstance()));

        List<VerificationOutcome> outcomes =
                Concurrently.submit(50, i -> instances.get(i % 2).verifyTotp(user, wrong));

        assertThat(outcomes)
                .as("each attempt is counted before its code is checked; the fifth answers with the lock")
                .filteredOn(InvalidCode.class::isInstance)
                .hasSizeLessThanOrEqualTo(4);
        assertThat(outcomes)
                .filteredOn(o -> o instanceof LockedOut locked && locked.lockedNow())
                .hasSize(1);
        assertThat(outcomes).allMatch(o -> o instanceof InvalidCode || o instanceof LockedOut);
        assertThat(verify(appCode()))
                .as("the lock holds for the right code too")
                .isInstanceOf(LockedOut.class);
    }

    @Test
    void fiftyParallelSubmissionsOfTheRecoveryCodeSucceedExactlyOnce() {
        List<SecondFactorVerifier> instances = List.of(verifierOn(DB.newInstance()), verifierOn(DB.newInstance()));

        List<VerificationOutcome> outcomes =
                Concurrently.submit(50, i -> instances.get(i % 2).verifyRecoveryCode(user, recoveryCode.formatted()));

        assertThat(outcomes).filteredOn(RecoveryCodeAccepted.class::isInstance).hasSize(1);
    }

    private VerificationOutcome verify(String code) {
        return verifier.verifyTotp(user, code).block();
    }

    private String appCode() {
        return ReferenceTotp.code(secret.base32(), clock.instant());
    }

    private String wrongCode() {
        return String.format("%06d", (Integer.parseInt(appCode()) + 500_000) % 1_000_000);
    }

    /** MFA as setup leaves it: the setup code's step already used, one recovery code. */
    private UUID enroll() {
        NewCredential credential = new NewCredential(
                UUID.randomUUID(),
                user,
                cipher.encrypt(user, secret),
                ENABLED_AT,
                ENABLED_AT.getEpochSecond() / 30,
                UUID.randomUUID(),
                recoveryCode.hash());
        credentials.insert(credential, ENABLED_AT).block();
        recoveryCodes
                .insert(credential.recoveryCodeId(), user, credential.id(), credential.recoveryCodeHash(), ENABLED_AT)
                .block();
        return credential.id();
    }

    private SecondFactorVerifier verifierOn(DatabaseClient client) {
        return new SecondFactorVerifier(
                new CredentialStore(client),
                new RecoveryCodeStore(client),
                new LockoutStore(client, LockoutPolicy.defaults()),
                new TotpAttemptStore(client, LockoutPolicy.defaults()),
                cipher,
                new Totp(clock),
                clock);
    }
}
