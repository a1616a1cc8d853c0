package io.gatekeep.api.mfa;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code gatekeep.mfa.*}: the otpauth issuer, the keyring sealing TOTP secrets, and the lockout, setup and challenge
 * timings.
 *
 * @param issuer the issuer shown by authenticator apps
 */
@ConfigurationProperties("gatekeep.mfa")
public record MfaProperties(
        @DefaultValue("Gatekeep") String issuer,
        @DefaultValue Encryption encryption,
        @DefaultValue Lockout lockout,
        @DefaultValue Setup setup,
        @DefaultValue Challenge challenge) {

    /**
     * @param keys                    key id → base64 of 32 random bytes ({@code openssl rand -base64 32})
     * @param activeKeyId             the key new secrets are sealed with
     * @param allowGeneratedDevKey    without keys, generate a throw-away key instead of refusing to start (local
     *                                development only: secrets do not survive a restart)
     */
    public record Encryption(
            Map<String, String> keys,
            String activeKeyId,
            @DefaultValue("false") boolean allowGeneratedDevKey) {

        public Encryption {
            keys = keys == null ? Map.of() : Map.copyOf(keys);
        }

        @Override
        public String toString() {
            return "Encryption[keyIds=" + keys.keySet() + ", activeKeyId=" + activeKeyId + "]";
        }
    }

    /** After {@code maxFailures} failed codes in a row: locked for {@code duration}, growing on repeat. */
    public record Lockout(
            @DefaultValue("5") int maxFailures,
            @DefaultValue("15m") Duration duration,
            @DefaultValue("2") int growthFactor,
            @DefaultValue("4h") Duration maxDuration,
            @DefaultValue("24h") Duration repeatWindow) {}

    /** How long a QR code and a whole setup session stay usable. */
    public record Setup(
            @DefaultValue("60s") Duration qrValidity,
            @DefaultValue("3m") Duration sessionValidity) {}

    /** How long the challenge of a password sign-in stays usable. */
    public record Challenge(@DefaultValue("5m") Duration validity) {}
}
