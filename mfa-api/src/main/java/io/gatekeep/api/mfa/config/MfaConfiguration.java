package io.gatekeep.api.mfa.config;

import io.gatekeep.api.mfa.application.SecondFactorVerifier;
import io.gatekeep.api.mfa.application.TotpSignInFastPath;
import io.gatekeep.api.mfa.enrollment.Enrollment;
import io.gatekeep.api.mfa.enrollment.SetupPolicy;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.qr.QrCodeRenderer;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.store.ChallengeStore;
import io.gatekeep.api.mfa.store.CredentialStore;
import io.gatekeep.api.mfa.store.LockoutStore;
import io.gatekeep.api.mfa.store.RecoveryCodeStore;
import io.gatekeep.api.mfa.store.SetupStore;
import io.gatekeep.api.mfa.store.TotpAttemptStore;
import io.gatekeep.api.mfa.store.TotpSignInStore;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.api.mfa.verification.ChallengePolicy;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.Sessions;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

/** The framework-free MFA rules and the R2DBC stores as beans, configured from {@link MfaProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MfaProperties.class)
class MfaConfiguration {

    @Bean
    SecureRandom mfaRandom() {
        return new SecureRandom();
    }

    @Bean
    SecretKeyring mfaKeyring(MfaProperties properties) {
        return Keyrings.from(properties.encryption());
    }

    @Bean
    SecretCipher secretCipher(SecretKeyring keyring, SecureRandom mfaRandom) {
        return new SecretCipher(keyring, mfaRandom);
    }

    @Bean
    Totp totp(Clock clock) {
        return new Totp(clock);
    }

    @Bean
    SetupPolicy setupPolicy(MfaProperties properties) {
        return new SetupPolicy(
                properties.setup().qrValidity(), properties.setup().sessionValidity());
    }

    @Bean
    ChallengePolicy challengePolicy(MfaProperties properties) {
        return new ChallengePolicy(properties.challenge().validity());
    }

    @Bean
    LockoutPolicy lockoutPolicy(MfaProperties properties) {
        MfaProperties.Lockout lockout = properties.lockout();
        return new LockoutPolicy(
                lockout.maxFailures(),
                lockout.duration(),
                lockout.growthFactor(),
                lockout.maxDuration(),
                lockout.repeatWindow());
    }

    @Bean
    Enrollment enrollment(
            SetupPolicy policy,
            SecretCipher cipher,
            Totp totp,
            MfaProperties properties,
            SecureRandom mfaRandom,
            Clock clock) {
        return new Enrollment(
                policy,
                new TotpSecretGenerator(mfaRandom),
                cipher,
                totp,
                new OtpAuthUri(properties.issuer()),
                new QrCodeRenderer(),
                mfaRandom,
                clock);
    }

    @Bean
    CredentialStore credentialStore(DatabaseClient db) {
        return new CredentialStore(db);
    }

    @Bean
    ChallengeStore challengeStore(DatabaseClient db) {
        return new ChallengeStore(db);
    }

    @Bean
    RecoveryCodeStore recoveryCodeStore(DatabaseClient db) {
        return new RecoveryCodeStore(db);
    }

    @Bean
    SetupStore setupStore(DatabaseClient db) {
        return new SetupStore(db);
    }

    @Bean
    LockoutStore lockoutStore(DatabaseClient db, LockoutPolicy policy) {
        return new LockoutStore(db, policy);
    }

    @Bean
    TotpSignInFastPath totpSignInFastPath(
            DatabaseClient db,
            LockoutPolicy policy,
            Sessions sessions,
            OutboxWriter outbox,
            SecretCipher cipher,
            Totp totp,
            Clock clock) {
        return new TotpSignInFastPath(new TotpSignInStore(db, policy), sessions, outbox, cipher, totp, policy, clock);
    }

    @Bean
    SecondFactorVerifier secondFactorVerifier(
            CredentialStore credentials,
            RecoveryCodeStore recoveryCodes,
            LockoutStore lockouts,
            SecretCipher cipher,
            Totp totp,
            Clock clock,
            DatabaseClient db,
            LockoutPolicy policy) {
        return new SecondFactorVerifier(
                credentials, recoveryCodes, lockouts, new TotpAttemptStore(db, policy), cipher, totp, clock);
    }
}
