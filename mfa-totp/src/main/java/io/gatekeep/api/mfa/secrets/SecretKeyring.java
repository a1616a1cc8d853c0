package io.gatekeep.api.mfa.secrets;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys secrets may be sealed with, by key id. New secrets are sealed with the active key; older ones are
 * opened with the key named next to their ciphertext, so rotating means adding a key, making it active and keeping
 * the old one until no row names it any more.
 */
public final class SecretKeyring {

    public static final int KEY_BYTES = 32;

    private final Map<String, SecretKey> keys;
    private final String activeKeyId;

    private SecretKeyring(Map<String, SecretKey> keys, String activeKeyId) {
        if (!keys.containsKey(activeKeyId)) {
            throw new IllegalArgumentException(
                    "The active key id '" + activeKeyId + "' is not in the keyring " + keys.keySet());
        }
        this.keys = Map.copyOf(keys);
        this.activeKeyId = activeKeyId;
    }

    /** Keys as configured: key id → base64 of exactly 32 bytes. */
    public static SecretKeyring fromBase64(Map<String, String> base64Keys, String activeKeyId) {
        Map<String, byte[]> keys = new LinkedHashMap<>();
        base64Keys.forEach((id, value) -> {
            try {
                keys.put(id, Base64.getDecoder().decode(value.trim()));
            } catch (IllegalArgumentException e) {
                // the message must not echo the configured value
                throw new IllegalArgumentException("Key '" + id + "' is not valid base64");
            }
        });
        return of(keys, activeKeyId);
    }

    public static SecretKeyring of(Map<String, byte[]> rawKeys, String activeKeyId) {
        Map<String, SecretKey> keys = new LinkedHashMap<>();
        rawKeys.forEach((id, bytes) -> {
            if (id == null || id.isBlank() || id.length() > 64) {
                throw new IllegalArgumentException("Key ids must be 1 to 64 characters");
            }
            if (bytes.length != KEY_BYTES) {
                throw new IllegalArgumentException("Key '" + id + "' must be 256 bits, got " + bytes.length * 8);
            }
            keys.put(id, new SecretKeySpec(bytes, "AES"));
        });
        return new SecretKeyring(keys, activeKeyId);
    }

    /**
     * A fresh random key as base64, for development stacks and for operators creating a key
     * ({@code openssl rand -base64 32} does the same).
     */
    public static String generateKeyBase64() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** A keyring holding one freshly generated key; secrets sealed with it do not survive a restart. */
    public static SecretKeyring development(String keyId) {
        return fromBase64(Map.of(keyId, generateKeyBase64()), keyId);
    }

    public String activeKeyId() {
        return activeKeyId;
    }

    public Set<String> keyIds() {
        return keys.keySet();
    }

    SecretKey activeKey() {
        return keys.get(activeKeyId);
    }

    Optional<SecretKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }
}
