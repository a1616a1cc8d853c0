package io.gatekeep.desk.tickets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A one-time approval token: 160 random bits as 32 lower-case base32 characters (mail systems may lower-case the
 * plus-address that carries it). Only its SHA-256 {@link #hash()} is stored; the token itself lives only in the
 * confirmation email's {@code Reply-To} plus-address ({@code support+<token>@domain}). Never in a Message-ID: every
 * reply and forward copies those into {@code In-Reply-To}/{@code References}, and mail servers log them.
 */
public final class ApprovalToken {

    private static final String BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
    private static final int LENGTH = 32;
    private static final Pattern FORM = Pattern.compile("[a-z2-7]{" + LENGTH + "}");

    private final String value;

    private ApprovalToken(String value) {
        this.value = value;
    }

    public static ApprovalToken generate(SecureRandom random) {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        StringBuilder out = new StringBuilder(LENGTH);
        int buffer = 0;
        int bits = 0;
        for (byte b : bytes) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32.charAt((buffer >> (bits - 5)) & 31));
                bits -= 5;
            }
        }
        return new ApprovalToken(out.toString());
    }

    /** A token as it came back in mail, when it has the token's form (nothing else is ever looked up). */
    public static Optional<ApprovalToken> parse(String candidate) {
        String value = candidate == null ? "" : candidate.strip().toLowerCase(Locale.ROOT);
        return FORM.matcher(value).matches() ? Optional.of(new ApprovalToken(value)) : Optional.empty();
    }

    public String value() {
        return value;
    }

    public byte[] hash() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ApprovalToken token && MessageDigest.isEqual(token.hash(), hash());
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "ApprovalToken[redacted]";
    }
}
