package io.gatekeep.worker.invitations;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The text of an invitation email. */
final class InvitationEmail {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'",
            Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private InvitationEmail() {
    }

    static String subject(String organizationName) {
        return "You are invited to join " + organizationName + " on Gatekeep";
    }

    static String body(String displayName, String organizationName, String inviterName, String role, String token,
                       Instant expiresAt, String baseUrl) {
        String opening = (inviterName == null ? "You are invited" : inviterName + " invited you")
                + " to join " + organizationName + " on Gatekeep as " + role.toLowerCase(Locale.ROOT) + ".";
        return """
                Hello %s,

                %s

                To accept, open this link and choose your password:

                  %s/invitations/accept?token=%s

                Or accept with any HTTP client:

                  POST %s/api/v1/invitations/accept
                  Content-Type: application/json

                  {"token": "%s", "password": "<your new password>"}

                This invitation is valid until %s and works once. If you did not expect it, ignore this email.

                -- Gatekeep
                """.formatted(displayName, opening, baseUrl, URLEncoder.encode(token, StandardCharsets.UTF_8),
                baseUrl, token, EXPIRY.format(expiresAt));
    }
}
