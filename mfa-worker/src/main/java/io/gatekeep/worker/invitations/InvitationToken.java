package io.gatekeep.worker.invitations;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A one-time invitation token: 256 random bits, base64url without padding, and its SHA-256 hash (what the database
 * keeps; mfa-api hashes a presented token the same way to find the invitation).
 */
record InvitationToken(String value, byte[] hash) {

    private static final SecureRandom RANDOM = new SecureRandom();

    static InvitationToken generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new InvitationToken(value, sha256(value));
    }

    /** SHA-256 of the token's text as sent (UTF-8 of the base64url string). */
    static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    @Override
    public String toString() {
        return "InvitationToken[redacted]";
    }
}
