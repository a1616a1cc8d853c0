package io.gatekeep.api.mfa.recovery.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * What we store instead of the recovery code: SHA-256 over a domain-separated canonical form. A slow password hash
 * (bcrypt, Argon2) exists to make guessing low-entropy secrets expensive; a code with 100 random bits needs about
 * 2^99 guesses on average even at full hash speed, so a fast hash is enough, keeps sign-in cheap and, being
 * deterministic, lets PostgreSQL find and consume the code in one atomic UPDATE. A server-side pepper would add a key
 * whose loss silently invalidates every code, for no gain at this entropy.
 * Looking the hash up with SQL equality is not a timing leak worth guarding: an attacker can learn at most a prefix
 * of a hash, which says nothing about any code that would produce it.
 */
public final class RecoveryCodeHash {

    private static final String DOMAIN = "gatekeep.recovery-code.v1:";

    private final byte[] bytes;

    private RecoveryCodeHash(byte[] bytes) {
        this.bytes = bytes;
    }

    static RecoveryCodeHash of(RecoveryCode code) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            return new RecoveryCodeHash(sha256.digest((DOMAIN + code.canonical()).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /** A hash read back from storage. */
    public static RecoveryCodeHash fromBytes(byte[] stored) {
        if (stored.length != 32) {
            throw new IllegalArgumentException("A recovery code hash has 32 bytes, got " + stored.length);
        }
        return new RecoveryCodeHash(stored.clone());
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    /** Constant-time comparison with the hash of {@code candidate}. */
    public boolean matches(RecoveryCode candidate) {
        return MessageDigest.isEqual(bytes, candidate.hash().bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RecoveryCodeHash that && MessageDigest.isEqual(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return "RecoveryCodeHash[redacted]";
    }
}
