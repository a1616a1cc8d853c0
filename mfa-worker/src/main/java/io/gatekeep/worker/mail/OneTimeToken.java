package io.gatekeep.worker.mail;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A one-time token sent in an email (invitations, signup confirmations, password resets): 256 random bits, base64url
 * without padding, and its SHA-256 hash, which is all the database keeps (mfa-api hashes a presented token the same
 * way to find its row). The token itself exists only in the email.
 */
public record OneTimeToken(String value, byte[] hash) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static OneTimeToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new OneTimeToken(value, sha256(value));
    }

    /** SHA-256 of the token's text as sent (UTF-8 of the base64url string). */
    public static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return "OneTimeToken[redacted]";
    }
}
