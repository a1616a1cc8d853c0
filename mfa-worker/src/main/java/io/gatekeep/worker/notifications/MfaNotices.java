package io.gatekeep.worker.notifications;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Shared wording of the MFA security notices. */
final class MfaNotices {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private MfaNotices() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    static String body(String name, String text) {
        return """
                Hello %s,

                %s

                -- Gatekeep
                """.formatted(name, text.strip());
    }

    static String notYou(String baseUrl) {
        return """
                If this was not you, sign in at %s, change your password and set up MFA again, and tell your \
                organization's owner.""".formatted(baseUrl);
    }
}
