package io.gatekeep.api.mfa.secrets;

import io.gatekeep.api.mfa.totp.TotpSecret;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals TOTP secrets with AES-256-GCM. Each encryption uses a fresh random 96-bit nonce (random nonces are safe far
 * beyond our volume: NIST SP 800-38D allows 2^32 messages per key). The additional authenticated data binds the
 * ciphertext to its user, so a row copied onto another user's credential fails to open. Thread-safe.
 */
public final class SecretCipher {

    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * Every sign-in opens a secret: one decrypting {@code Cipher} per thread spares the provider lookup of
     * {@code Cipher.getInstance} each time ({@code init} resets it fully, with the row's own nonce). Encryption keeps
     * a fresh instance: it is rare, and GCM refuses a re-init with a nonce it was already given anyway.
     */
    private static final ThreadLocal<Cipher> DECRYPTERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance(TRANSFORMATION);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    });

    private final SecretKeyring keyring;
    private final SecureRandom random;

    public SecretCipher(SecretKeyring keyring, SecureRandom random) {
        this.keyring = keyring;
        this.random = random;
    }

    public SecretCipher(SecretKeyring keyring) {
        this(keyring, new SecureRandom());
    }

    public EncryptedSecret encrypt(UUID userId, TotpSecret secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keyring.activeKey(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(userId));
            return new EncryptedSecret(keyring.activeKeyId(), nonce, cipher.doFinal(secret.bytes()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable", e);
        }
    }

    public TotpSecret decrypt(UUID userId, EncryptedSecret sealed) {
        SecretKey key = keyring.key(sealed.keyId())
                .orElseThrow(
                        () -> new SecretDecryptionException("No key '" + sealed.keyId() + "' in the keyring", null));
        try {
            Cipher cipher = DECRYPTERS.get();
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            cipher.updateAAD(aad(userId));
            return TotpSecret.of(cipher.doFinal(sealed.ciphertext()));
        } catch (GeneralSecurityException e) {
            throw new SecretDecryptionException(
                    "Secret sealed with key '" + sealed.keyId() + "' failed authentication", e);
        }
    }

    /** Versioned so the binding can change without ambiguity. */
    private static byte[] aad(UUID userId) {
        return ("gatekeep.totp-secret.v1:" + userId).getBytes(StandardCharsets.UTF_8);
    }
}
