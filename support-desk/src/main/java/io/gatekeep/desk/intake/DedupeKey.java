package io.gatekeep.desk.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * What makes two deliveries "the same message": its {@code Message-ID}, or, for mail without one, the SHA-256 of the
 * raw bytes. {@link #asString()} is at most 216 characters (longer Message-IDs are hashed) so it fits an indexed column.
 */
public record DedupeKey(Kind kind, String value) {

    private static final int MAX_MESSAGE_ID_LENGTH = 200;

    public enum Kind {
        /** {@code mid:<id>}: the Message-ID without angle brackets. */
        MESSAGE_ID,
        /** {@code mid-sha256:<hex>}: a Message-ID too long to store as it is. */
        MESSAGE_ID_SHA256,
        /**
         * {@code sha256:<hex>}: no usable Message-ID, hash of the raw message bytes (of a message over the size limit
         * by its IMAP-reported size: of its first MiB and that size, so it is never downloaded whole).
         */
        CONTENT_SHA256
    }

    /** The key as one string, e.g. {@code mid:CAF=abc@mail.gmail.com} or {@code sha256:9f86d0…}. */
    public String asString() {
        return switch (kind) {
            case MESSAGE_ID -> "mid:" + value;
            case MESSAGE_ID_SHA256 -> "mid-sha256:" + value;
            case CONTENT_SHA256 -> "sha256:" + value;
        };
    }

    static DedupeKey of(Optional<String> messageId, String contentSha256Hex) {
        if (messageId.isEmpty() || messageId.get().isBlank()) {
            return new DedupeKey(Kind.CONTENT_SHA256, contentSha256Hex);
        }
        String id = messageId.get();
        if (id.length() > MAX_MESSAGE_ID_LENGTH) {
            return new DedupeKey(Kind.MESSAGE_ID_SHA256, sha256Hex(id.getBytes(StandardCharsets.UTF_8)));
        }
        return new DedupeKey(Kind.MESSAGE_ID, id);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }

    static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    @Override
    public String toString() {
        return asString();
    }
}
