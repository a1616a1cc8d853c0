package io.gatekeep.desk.tickets;

import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.tickets.ReplyOutcome.Approve;
import io.gatekeep.desk.tickets.ReplyOutcome.Clarify;
import io.gatekeep.desk.tickets.ReplyOutcome.Deny;
import io.gatekeep.desk.tickets.ReplyOutcome.Escalate;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: an owner's reply counts only when every check passes: the token is known, unused, unexpired and bound to
 * the MFA reset of a ticket still waiting for it; the reply names no other ticket; it comes From the approver's
 * registered address; and, when required, the trusted server authenticated the sender's domain. Every check is
 * evaluated (not only up to the first failure) so the agent sees the whole picture.
 */
public final class OwnerReplyPolicy {

    public ReplyOutcome decide(OwnerReply reply) {
        List<Check> checks = new ArrayList<>();
        if (reply.token().isEmpty()) {
            checks.add(Check.fail("token", "the token matches no confirmation request"));
            return new Escalate("UNKNOWN_TOKEN", checks);
        }
        OwnerReply.StoredToken token = reply.token().get();
        checks.add(token.action().equals("MFA_RESET") ? Check.pass("token-action", "bound to the MFA reset")
                : Check.fail("token-action", "bound to " + token.action()));
        checks.add(token.usedAt().isEmpty() ? Check.pass("token-unused", "first use")
                : Check.fail("token-unused", "already used at " + token.usedAt().get()));
        checks.add(reply.now().isBefore(token.expiresAt()) ? Check.pass("token-unexpired", "expires " + token.expiresAt())
                : Check.fail("token-unexpired", "expired at " + token.expiresAt()));
        boolean waiting = reply.ticketStatus() == TicketStatus.AWAITING_APPROVAL
                || reply.ticketStatus() == TicketStatus.NEEDS_AGENT;
        checks.add(waiting ? Check.pass("ticket-waiting", "ticket is " + reply.ticketStatus())
                : Check.fail("ticket-waiting", "ticket is " + reply.ticketStatus()));
        checks.add(reply.otherTicketsReferenced().isEmpty() ? Check.pass("same-ticket", "the reply names only this ticket")
                : Check.fail("same-ticket", "the reply belongs to another ticket's thread"));
        boolean fromApprover = reply.sender().filter(token.approverEmail()::equalsIgnoreCase).isPresent();
        checks.add(fromApprover ? Check.pass("sender", "From is the approver's registered address")
                : Check.fail("sender", "From " + reply.sender().orElse("(none or several)")
                        + " is not the approver's registered address"));
        reply.senderAuthentication().ifPresent(checks::add);
        if (checks.stream().anyMatch(check -> !check.passed())) {
            return new Escalate("OWNER_REPLY_FAILED_CHECKS", checks);
        }
        Decision decision = reply.decision();
        checks.add(new Check("decision", decision == Decision.APPROVE || decision == Decision.DENY, decision.name()));
        return switch (decision) {
            case APPROVE -> new Approve(checks);
            case DENY -> new Deny(checks);
            case STOP, UNCLEAR -> reply.clarificationSent() ? new Escalate("OWNER_REPLY_UNCLEAR", checks)
                    : new Clarify(checks);
        };
    }
}
