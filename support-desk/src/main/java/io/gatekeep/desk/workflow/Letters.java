package io.gatekeep.desk.workflow;

import io.gatekeep.desk.workflow.DeskMail.Mail;

/** The wording of every desk mail. Plain text; nothing here carries a secret except where a token is passed in. */
final class Letters {

    private static final String SIGNATURE = "\n\n-- \nGatekeep Support\n(This message was sent automatically.)\n";

    private Letters() {}

    static Mail needsRequester(TicketRow ticket, String recipient, String explanation, String inReplyTo, int round) {
        return new Mail(
                ticket,
                "needs-requester:" + round,
                recipient,
                "What we need to reset multi-factor authentication",
                "Hello,\n\n" + explanation + "\n\nPlease keep "
                        + ticket.reference().subjectTag() + " in the subject when you write again." + SIGNATURE,
                inReplyTo,
                true);
    }

    static Mail confirmationRequest(TicketRow ticket, int round) {
        String role = "MANAGER".equals(ticket.approverRole())
                ? "a member who can manage access to " + ticket.organizationName()
                : "an owner of " + ticket.organizationName();
        return new Mail(
                ticket,
                "confirmation:" + round,
                ticket.approverEmail(),
                "Please confirm: turn off multi-factor authentication for " + ticket.requesterName(),
                """
                Hello %s,

                %s (%s), a member of %s, wrote to support: they lost access to their authenticator app and their \
                recovery code, and asked us to turn off multi-factor authentication (MFA) on their account. You were \
                copied as %s, so we need you to confirm that this request is genuine.

                If you approve: MFA is turned off on their account, their recovery code stops working and every \
                session they have is signed out. They can then sign in with their password alone and must set MFA \
                up again (at their next sign-in where the organization enforces it).

                Reply to this email with one word on the first line:
                  APPROVE  - if you have checked with %s that they made this request
                  DENY     - if you did not expect it or have any doubt
                Only a reply to this email, from %s, counts.%s""".formatted(
                                ticket.approverName(),
                                ticket.requesterName(),
                                ticket.requesterEmail(),
                                ticket.organizationName(),
                                role,
                                ticket.requesterName(),
                                ticket.approverEmail(),
                                SIGNATURE),
                null,
                false);
    }

    static Mail requesterNotice(TicketRow ticket) {
        return new Mail(
                ticket,
                "requester-notice",
                ticket.requesterEmail(),
                "A reset of your multi-factor authentication was requested",
                """
                Hello %s,

                We received a request to turn off multi-factor authentication on your account (%s) and asked %s of \
                %s to confirm it.

                If this was not you, reply to this email with STOP on the first line and we will cancel the request.%s""".formatted(
                                ticket.requesterName(),
                                ticket.requesterEmail(),
                                ticket.approverName(),
                                ticket.organizationName(),
                                SIGNATURE),
                null,
                false);
    }

    /**
     * The request goes to an agent. Deliberately says nothing about which rule sent it there: whoever wrote may not
     * be the account holder, and the reasons would tell them how to do better.
     */
    static Mail agentWillReview(TicketRow ticket, String inReplyTo) {
        return new Mail(
                ticket,
                "agent-review",
                ticket.requesterEmail(),
                "An agent will review your request",
                """
                Hello %s,

                We received a request to turn off multi-factor authentication on your account (%s). It cannot be \
                confirmed by email, so a support agent will review it and may contact you. Nothing changes on your \
                account until then.

                If this was not you, reply to this email with STOP on the first line and we will cancel the request.%s""".formatted(ticket.requesterName(), ticket.requesterEmail(), SIGNATURE),
                inReplyTo,
                true);
    }

    static Mail pointer(TicketRow ticket, String recipient, String inReplyTo, int round) {
        return new Mail(
                ticket,
                "pointer:" + round,
                recipient,
                "Please answer our separate confirmation request",
                """
                Hello,

                Thank you. To confirm or refuse this request, please reply to the separate email we sent to your \
                registered address with the subject "%s Please confirm: ...". Replies to the original conversation \
                cannot be accepted as a confirmation.%s""".formatted(ticket.reference().subjectTag(), SIGNATURE),
                inReplyTo,
                true);
    }

    static Mail resolved(TicketRow ticket, String recipient, String who, boolean wasNeeded) {
        String what = wasNeeded
                ? "Multi-factor authentication is now turned off on the account of " + ticket.requesterName() + " ("
                        + ticket.requesterEmail() + "); their recovery code was revoked and their sessions ended."
                : "The account of " + ticket.requesterName() + " (" + ticket.requesterEmail()
                        + ") no longer had multi-factor authentication turned on, so nothing needed to be changed.";
        return new Mail(
                ticket,
                "resolved:" + who,
                recipient,
                "Request resolved",
                "Hello,\n\n" + what + "\n\nThey can sign in with their password and must set multi-factor "
                        + "authentication up again: at their next sign-in where " + ticket.organizationName()
                        + " enforces it, otherwise from their profile." + SIGNATURE,
                null,
                false);
    }

    static Mail denied(TicketRow ticket) {
        return new Mail(
                ticket,
                "denied",
                ticket.requesterEmail(),
                "Request declined",
                "Hello,\n\nThe request to turn off multi-factor authentication on your account was not confirmed, so "
                        + "nothing was changed. Please contact your organization's owner." + SIGNATURE,
                null,
                false);
    }

    static Mail cancelled(TicketRow ticket, String recipient, String who) {
        return new Mail(
                ticket,
                "cancelled:" + who,
                recipient,
                "Request cancelled",
                "Hello,\n\nThe request to turn off multi-factor authentication for " + ticket.requesterEmail()
                        + " was cancelled by the requester. Nothing was changed, and any confirmation request we sent "
                        + "no longer works." + SIGNATURE,
                null,
                false);
    }

    static Mail expired(TicketRow ticket, String recipient) {
        return new Mail(
                ticket,
                "expired",
                recipient,
                "Request expired",
                "Hello,\n\nYour request to turn off multi-factor authentication was not confirmed in time, so it has "
                        + "expired and nothing was changed. You can write to us again, copying your organization's "
                        + "owner." + SIGNATURE,
                null,
                false);
    }
}
