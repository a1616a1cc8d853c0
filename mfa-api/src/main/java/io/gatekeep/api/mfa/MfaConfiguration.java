package io.gatekeep.api.mfa;

import io.gatekeep.api.mfa.challenge.model.ChallengePolicy;
import io.gatekeep.api.mfa.enrollment.model.Enrollment;
import io.gatekeep.api.mfa.enrollment.model.QrCodeRenderer;
import io.gatekeep.api.mfa.enrollment.model.SetupPolicy;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.OtpAuthUri;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The framework-free MFA rules as beans, configured from {@link MfaProperties}; the stores and services of each
 * capability package are components of their own.
 */
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
}
