package io.gatekeep.desk.workflow;

import io.gatekeep.desk.workflow.DeskMail.Mail;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The wording of the mail around a delayed reset: the approval notice with its cancel link, and the cancellation.
 * A notice names what will happen and when, so the real user (or an owner) who did not ask for it can stop it.
 */
final class ResetLetters {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final String SIGNATURE = "\n\n-- \nGatekeep Support\n(This message was sent automatically.)\n";

    private ResetLetters() {}

    static String time(Instant instant) {
        return TIME.format(instant);
    }

    /** The notice to the requester's registered address; {@code link} carries the recipient's own cancel token. */
    static Mail requesterNotice(
            TicketRow ticket, String approvedBy, Instant approvedAt, Instant resetAt, String link, String purpose) {
        return new Mail(
                ticket,
                purpose,
                ticket.requesterEmail(),
                "Multi-factor authentication will be turned off at " + time(resetAt),
                """
                Hello %s,

                The request to turn off multi-factor authentication (MFA) on your account (%s) was approved by %s \
                on %s.

                At %s MFA will be turned off on your account, your recovery code will stop working and all your \
                sessions will be signed out. You can then sign in with your password alone and set MFA up again.

                If you did not ask for this, or changed your mind, stop it before then:
                  %s
                or reply to this email with STOP on the first line.%s""".formatted(
                                ticket.requesterName(),
                                ticket.requesterEmail(),
                                approvedBy,
                                time(approvedAt),
                                time(resetAt),
                                link,
                                SIGNATURE),
                null,
                false);
    }

    /** The notice to an owner of the organization; {@code link} carries the owner's own cancel token. */
    static Mail ownerNotice(
            TicketRow ticket,
            String recipient,
            String ownerName,
            String approvedBy,
            Instant approvedAt,
            Instant resetAt,
            String link,
            String purpose) {
        return new Mail(
                ticket,
                purpose,
                recipient,
                "MFA of " + ticket.requesterName() + " will be turned off at " + time(resetAt),
                """
                Hello %s,

                %s (%s), a member of %s, asked support to turn off multi-factor authentication (MFA) on their \
                account because they lost their authenticator and recovery code. %s approved it on %s.

                At %s MFA will be turned off on their account, their recovery code will stop working and all their \
                sessions will be signed out.

                If you have any doubt that %s made this request, stop it before then:
                  %s%s""".formatted(
                                ownerName,
                                ticket.requesterName(),
                                ticket.requesterEmail(),
                                ticket.organizationName(),
                                approvedBy,
                                time(approvedAt),
                                time(resetAt),
                                ticket.requesterName(),
                                link,
                                SIGNATURE),
                null,
                false);
    }

    static Mail cancelled(TicketRow ticket, String recipient, String cancelledBy, Instant at, String purpose) {
        return new Mail(
                ticket,
                purpose,
                recipient,
                "The reset of multi-factor authentication was cancelled",
                """
                Hello,

                The approved request to turn off multi-factor authentication for %s was cancelled by %s on %s. \
                Nothing was changed on the account, and the links in our earlier messages no longer work.%s""".formatted(ticket.requesterEmail(), cancelledBy, time(at), SIGNATURE),
                null,
                false);
    }
}
