package io.gatekeep.desk.tickets;

import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.tickets.ReplyOutcome.Approve;
import io.gatekeep.desk.tickets.ReplyOutcome.Clarify;
import io.gatekeep.desk.tickets.ReplyOutcome.Deny;
import io.gatekeep.desk.tickets.ReplyOutcome.Escalate;
import io.gatekeep.desk.tickets.ReplyOutcome.Ignore;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 4: an owner's reply counts only when every check passes: the token is known, unused, unexpired and bound to
 * the MFA reset of a ticket still waiting for it; the reply names no other ticket; it comes From the approver's
 * registered address; when required, the trusted server authenticated the sender's domain; and it is newer than the
 * confirmation request ({@link ReplyFreshness}). Every check is evaluated (not only up to the first failure) so the
 * agent sees the whole picture. A token takes one decision: a reply with a token already used is recorded and
 * ignored ({@link Ignore}).
 */
public final class OwnerReplyPolicy {

    public ReplyOutcome decide(OwnerReply reply) {
        List<Check> checks = new ArrayList<>();
        if (reply.token().isEmpty()) {
            checks.add(Check.fail("token", "the token matches no confirmation request"));
            return new Escalate("UNKNOWN_TOKEN", checks);
        }
        OwnerReply.StoredToken token = reply.token().get();
        checks.add(
                token.action().equals("MFA_RESET")
                        ? Check.pass("token-action", "bound to the MFA reset")
                        : Check.fail("token-action", "bound to " + token.action()));
        if (token.usedAt().isPresent()) {
            checks.add(Check.fail(
                    "token-unused",
                    "already took its decision (or was retired) at "
                            + token.usedAt().get() + ": recorded and ignored"));
            return new Ignore("TOKEN_ALREADY_USED", checks);
        }
        checks.add(Check.pass("token-unused", "first use"));
        checks.add(
                reply.now().isBefore(token.expiresAt())
                        ? Check.pass("token-unexpired", "expires " + token.expiresAt())
                        : Check.fail("token-unexpired", "expired at " + token.expiresAt()));
        boolean waiting = reply.ticketStatus() == TicketStatus.AWAITING_APPROVAL
                || reply.ticketStatus() == TicketStatus.NEEDS_AGENT;
        checks.add(
                waiting
                        ? Check.pass("ticket-waiting", "ticket is " + reply.ticketStatus())
                        : Check.fail("ticket-waiting", "ticket is " + reply.ticketStatus()));
        checks.add(
                reply.otherTicketsReferenced().isEmpty()
                        ? Check.pass("same-ticket", "the reply names only this ticket")
                        : Check.fail("same-ticket", "the reply belongs to another ticket's thread"));
        boolean fromApprover =
                reply.sender().filter(token.approverEmail()::equalsIgnoreCase).isPresent();
        checks.add(
                fromApprover
                        ? Check.pass("sender", "From is the approver's registered address")
                        : Check.fail(
                                "sender",
                                "From " + reply.sender().orElse("(none or several)")
                                        + " is not the approver's registered address"));
        reply.senderAuthentication().ifPresent(checks::add);
        checks.add(ReplyFreshness.check(token.issuedAt(), reply.written(), reply.now()));
        if (checks.stream().anyMatch(check -> !check.passed())) {
            return new Escalate("OWNER_REPLY_FAILED_CHECKS", checks);
        }
        Decision decision = reply.decision();
        checks.add(new Check("decision", decision == Decision.APPROVE || decision == Decision.DENY, decision.name()));
        return switch (decision) {
            case APPROVE -> new Approve(checks);
            case DENY -> new Deny(checks);
            case STOP, UNCLEAR ->
                reply.clarificationSent() ? new Escalate("OWNER_REPLY_UNCLEAR", checks) : new Clarify(checks);
        };
    }
}
