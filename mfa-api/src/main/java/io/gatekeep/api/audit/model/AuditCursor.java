package io.gatekeep.api.audit.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Position after the last entry of a page (newest first: entries older than this come next). Opaque to clients:
 * base64url of {@code epochSecond.nano:id}.
 */
public record AuditCursor(Instant occurredAt, long id) {

    public String encode() {
        String raw = occurredAt.getEpochSecond() + "." + occurredAt.getNano() + ":" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    /** Empty for anything that is not a cursor this class produced. */
    public static Optional<AuditCursor> decode(String value) {
        try {
            String raw = new String(Base64.getUrlDecoder().decode(value), StandardCharsets.US_ASCII);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            if (colon < 0 || dot < 0 || dot > colon) {
                return Optional.empty();
            }
            Instant at = Instant.ofEpochSecond(
                    Long.parseLong(raw.substring(0, dot)), Long.parseLong(raw.substring(dot + 1, colon)));
            return Optional.of(new AuditCursor(at, Long.parseLong(raw.substring(colon + 1))));
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
