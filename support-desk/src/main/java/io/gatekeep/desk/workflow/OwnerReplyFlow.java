package io.gatekeep.desk.workflow;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.authresults.SenderAuthentication;
import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.Check;
import io.gatekeep.desk.tickets.OwnerReply;
import io.gatekeep.desk.tickets.OwnerReply.StoredToken;
import io.gatekeep.desk.tickets.OwnerReplyPolicy;
import io.gatekeep.desk.tickets.ReplyOutcome;
import io.gatekeep.desk.tickets.TicketStatus;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Step 4: a reply carrying an approval token. The policy decides on the checks; here the outcome is applied: approval
 * records the owner's confirmation and schedules the reset after the delay ({@link DelayedReset}); a denial closes the ticket; an unclear answer
 * gets one clarification carrying a fresh token; anything failing a check is recorded and handed to an agent.
 */
public class OwnerReplyFlow {

    private final Tickets tickets;
    private final Messages messages;
    private final Tokens tokens;
    private final DeskMail mail;
    private final JdbcOutboxWriter outbox;
    private final Optional<SenderAuthentication> authentication;
    private final OwnerReplyPolicy policy = new OwnerReplyPolicy();
    private final Clock clock;
    private final DelayedReset delayedReset;

    /** @param authentication empty when {@code support.require-authenticated-sender} is off */
    public OwnerReplyFlow(
            Tickets tickets,
            Messages messages,
            Tokens tokens,
            DeskMail mail,
            JdbcOutboxWriter outbox,
            Optional<SenderAuthentication> authentication,
            Clock clock,
            DelayedReset delayedReset) {
        this.tickets = tickets;
        this.messages = messages;
        this.tokens = tokens;
        this.mail = mail;
        this.outbox = outbox;
        this.authentication = authentication;
        this.clock = clock;
        this.delayedReset = delayedReset;
    }

    /** The ticket of the first known token, for recording. */
    Optional<UUID> ticketOf(Set<ApprovalToken> candidates) {
        return candidates.stream()
                .map(tokens::find)
                .flatMap(Optional::stream)
                .map(StoredToken::ticketId)
                .findFirst();
    }

    void handle(InboundMessage message, Messages.Inbound record, Set<ApprovalToken> candidates, Set<UUID> thread) {
        List<StoredToken> known =
                candidates.stream().map(tokens::find).flatMap(Optional::stream).toList();
        Set<UUID> tokenTickets = new HashSet<>();
        known.forEach(token -> tokenTickets.add(token.ticketId()));
        if (known.isEmpty() || tokenTickets.size() > 1) {
            unknownOrMixedTokens(record, thread, known.isEmpty());
            return;
        }
        StoredToken token = known.get(0);
        TicketRow ticket = tickets.lock(token.ticketId()).orElseThrow();
        Set<UUID> others = new HashSet<>(thread);
        others.remove(ticket.id());
        Optional<String> sender = message.sender().map(MailAddress::address);
        Optional<Check> authenticated = authentication.map(auth -> InboundMail.authenticationCheck(
                auth, message, MailAddress.of(token.approverEmail()).domain()));
        ReplyOutcome outcome = policy.decide(new OwnerReply(
                Optional.of(token),
                ticket.status(),
                ticket.clarificationSent(),
                sender,
                others,
                authenticated,
                InboundMail.decision(message),
                message.date(),
                clock.instant()));
        messages.recordInbound(ticket.id(), record, "OWNER_REPLY", outcome.checks());
        apply(ticket, token, outcome);
    }

    private void apply(TicketRow ticket, StoredToken token, ReplyOutcome outcome) {
        if (outcome instanceof ReplyOutcome.Approve) {
            tokens.retireAll(ticket.id());
            tickets.markOwnerConfirmed(ticket.id());
            delayedReset.approve(ticket, "OWNER", "OWNER_REPLY_APPROVED", "OWNER_REPLY", ticket.approverName());
        } else if (outcome instanceof ReplyOutcome.Deny) {
            tokens.retireAll(ticket.id());
            mail.send(Letters.denied(tickets.move(ticket, TicketStatus.DENIED, "OWNER", "OWNER_REPLY_DENIED")));
        } else if (outcome instanceof ReplyOutcome.Clarify) {
            tokens.retireAll(ticket.id());
            tickets.markClarificationSent(ticket.id());
            ApprovalToken fresh = tokens.issue(ticket);
            DeskMail.Mail request =
                    Letters.confirmationRequest(ticket, messages.outboundCount(ticket.id(), "confirmation") + 1);
            mail.sendWithToken(
                    new DeskMail.Mail(
                            ticket,
                            request.purpose(),
                            request.recipient(),
                            "We could not read your answer - " + request.subject(),
                            "We could not tell whether your reply approves or denies the request. Please answer once more, "
                                    + "with APPROVE or DENY alone on the first line.\n\n" + request.body(),
                            null,
                            false),
                    fresh);
        } else if (outcome instanceof ReplyOutcome.Escalate escalate) {
            // the token took its one decision: to hand the ticket to an agent
            tokens.retireAll(ticket.id());
            if (ticket.status().canMoveTo(TicketStatus.NEEDS_AGENT)) {
                tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", escalate.reason());
            }
        }
        // ReplyOutcome.Ignore: recorded with its checks above, nothing else changes
    }

    /** No stored token matched, or tokens of several tickets: recorded on the thread and escalated, never approved. */
    private void unknownOrMixedTokens(Messages.Inbound record, Set<UUID> thread, boolean unknown) {
        List<Check> checks = new ArrayList<>();
        checks.add(Check.fail(
                "token",
                unknown ? "the token matches no confirmation request" : "tokens of several tickets in one reply"));
        UUID ticketId = thread.size() == 1 ? thread.iterator().next() : null;
        messages.recordInbound(ticketId, record, "OWNER_REPLY", checks);
        if (ticketId != null) {
            TicketRow ticket = tickets.lock(ticketId).orElseThrow();
            if (ticket.status().canMoveTo(TicketStatus.NEEDS_AGENT)) {
                tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", unknown ? "UNKNOWN_TOKEN" : "MIXED_TOKENS");
            }
        }
    }
}
