package io.gatekeep.api.mfa;

import io.gatekeep.api.mfa.secrets.SecretKeyring;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the keyring from configuration, refusing to run without a key unless a development key is allowed. */
final class Keyrings {

    static final String DEVELOPMENT_KEY_ID = "generated-dev";
    private static final Logger log = LoggerFactory.getLogger(Keyrings.class);

    private Keyrings() {}

    static SecretKeyring from(MfaProperties.Encryption encryption) {
        if (encryption.keys().isEmpty()) {
            if (!encryption.allowGeneratedDevKey()) {
                throw new IllegalStateException("""
                        No encryption key for TOTP secrets is configured. Set \
                        gatekeep.mfa.encryption.keys.<id>=<base64 of 32 random bytes> (e.g. openssl rand -base64 32) \
                        and gatekeep.mfa.encryption.active-key-id=<id>, or, for local development only, \
                        gatekeep.mfa.encryption.allow-generated-dev-key=true""");
            }
            log.warn("""
                    !!! TOTP secrets are encrypted with a GENERATED DEVELOPMENT KEY ('{}'). It is not stored anywhere: \
                    MFA credentials created now become unusable after a restart. Never run like this in production; \
                    configure gatekeep.mfa.encryption.keys.<id> and gatekeep.mfa.encryption.active-key-id. !!!""", DEVELOPMENT_KEY_ID);
            return SecretKeyring.development(DEVELOPMENT_KEY_ID);
        }
        String active = encryption.activeKeyId();
        if (active == null || active.isBlank()) {
            if (encryption.keys().size() != 1) {
                throw new IllegalStateException("Several TOTP encryption keys are configured "
                        + encryption.keys().keySet() + ": set gatekeep.mfa.encryption.active-key-id");
            }
            active = encryption.keys().keySet().iterator().next();
        }
        try {
            return SecretKeyring.fromBase64(encryption.keys(), active);
        } catch (IllegalArgumentException e) {
            // the keyring's messages name key ids, never key material
            throw new IllegalStateException("Invalid gatekeep.mfa.encryption settings: " + e.getMessage());
        }
    }
}
