package io.gatekeep.worker.invitations;

import io.gatekeep.worker.mail.EmailText;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The text of an invitation email: who invited, to which organization, as what, and how to accept or decline. Names
 * chosen by others appear quoted ({@link EmailText#quoted}); the same text goes to an address with or without an
 * account, since the inviter must not learn which it is and the email says how to accept either way.
 */
final class InvitationEmail {

    private static final DateTimeFormatter EXPIRY = DateTimeFormatter.ofPattern(
                    "d MMMM yyyy, HH:mm 'UTC'", Locale.ENGLISH)
            .withZone(ZoneOffset.UTC);

    private InvitationEmail() {}

    static String subject(String organizationName) {
        return "Invitation to join " + EmailText.quoted(organizationName) + " on Gatekeep";
    }

    static String body(
            String displayName,
            String organizationName,
            String inviterName,
            String inviterEmail,
            String role,
            String token,
            Instant expiresAt,
            String baseUrl) {
        String inviter = inviterName == null
                ? "Someone"
                : EmailText.quoted(inviterName)
                        + (inviterEmail == null ? "" : " (" + EmailText.quoted(inviterEmail) + ")");
        return """
                Hello %s,

                %s invited you to join the organization %s on Gatekeep as %s.

                You become a member only if you accept. To accept, open:

                  %s/invitations/accept?token=%s

                Or with any HTTP client:

                  POST %s/api/v1/invitations/accept
                  Content-Type: application/json

                  If you already have a Gatekeep account: sign in, then send your session
                  (Authorization: Bearer <session token>) with
                  {"token": "%s"}

                  If you have no account yet: choose your password with
                  {"token": "%s", "password": "<your new password>"}

                To decline, POST the same {"token": "..."} to %s/api/v1/invitations/decline.

                This invitation is valid until %s and works once. If you do not know the person or the \
                organization, decline it or ignore this email: nothing changes for you unless you accept.

                -- Gatekeep
                """.formatted(
                        EmailText.quoted(displayName),
                        inviter,
                        EmailText.quoted(organizationName),
                        role.toLowerCase(Locale.ROOT),
                        baseUrl,
                        URLEncoder.encode(token, StandardCharsets.UTF_8),
                        baseUrl,
                        token,
                        token,
                        baseUrl,
                        EXPIRY.format(expiresAt));
    }
}
