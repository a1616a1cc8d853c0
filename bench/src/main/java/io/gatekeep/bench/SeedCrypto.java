package io.gatekeep.bench;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * What the seeder must write exactly as mfa-api would, mirrored from its {@code mfa.secrets.SecretCipher} (AES-256-GCM,
 * 96-bit nonce, 128-bit tag, additional data binding the ciphertext to the user) and {@code accounts.PasswordHasher}
 * (HMAC-SHA-256 pre-hash, then bcrypt). Mirrored rather than imported because the API runs as a separate process from
 * its executable jar. If either format changes in the API, every sign-in or verification of the benchmark fails and
 * it stops with the API's answer: drift cannot go unnoticed.
 */
final class SeedCrypto {

    static final String KEY_ID = "bench";
    private static final byte[] PASSWORD_DOMAIN_KEY = "gatekeep/password/v1".getBytes(StandardCharsets.UTF_8);

    private final byte[] key = new byte[32];
    private final SecureRandom random = new SecureRandom();

    SeedCrypto() {
        random.nextBytes(key);
    }

    /** The key for {@code gatekeep.mfa.encryption.keys.bench}. */
    String keyBase64() {
        return Base64.getEncoder().encodeToString(key);
    }

    /** 160 bits, as the API's TotpSecretGenerator makes them. */
    byte[] newTotpSecret() {
        return randomBytes(20);
    }

    byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** {@code [nonce, ciphertext]} as mfa_credential stores them. */
    byte[][] seal(UUID userId, byte[] secret) {
        byte[] nonce = new byte[12];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(("gatekeep.totp-secret.v1:" + userId).getBytes(StandardCharsets.UTF_8));
            return new byte[][] {nonce, cipher.doFinal(secret)};
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A password hash at bcrypt cost 4: fast to seed and to check, since password sign-in is not what is measured. */
    static String cheapPasswordHash(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(PASSWORD_DOMAIN_KEY, "HmacSHA256"));
            String condensed =
                    Base64.getEncoder().encodeToString(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
            return new BCryptPasswordEncoder(4).encode(condensed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
