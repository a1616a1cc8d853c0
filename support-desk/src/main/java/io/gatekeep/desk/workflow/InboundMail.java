package io.gatekeep.desk.workflow;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.ParseOutcome;
import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import io.gatekeep.desk.intake.authresults.SenderAuthentication;
import io.gatekeep.desk.intake.authresults.SenderVerdict;
import io.gatekeep.desk.intake.automation.AutomatedMailClassifier;
import io.gatekeep.desk.intake.automation.Classification;
import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.intake.reply.DecisionWords;
import io.gatekeep.desk.intake.reply.ReplyText;
import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.Check;
import io.gatekeep.desk.tickets.TicketReference;
import io.gatekeep.desk.tickets.TicketStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies one received message, in one transaction: dedupe, record it with every check's outcome, run the workflow,
 * write events and mail. Returns what happened; the caller marks the IMAP message processed only after it returns.
 *
 * @throws io.gatekeep.desk.tickets.Directory.DirectoryUnavailable when the directory cannot answer: nothing is
 *     committed and the caller must leave the message unprocessed, to be retried
 */
public class InboundMail {

    /** What a message led to. */
    public enum Result {
        DUPLICATE,
        AUTOMATED,
        REJECTED,
        NEW_TICKET,
        FOLLOW_UP,
        OWNER_REPLY
    }

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final Messages messages;
    private final AutomatedMailClassifier classifier;
    private final MailAddress supportMailbox;
    private final RequestFlow requests;
    private final OwnerReplyFlow ownerReplies;

    public InboundMail(
            TransactionTemplate transaction,
            Tickets tickets,
            Messages messages,
            AutomatedMailClassifier classifier,
            String supportAddress,
            RequestFlow requests,
            OwnerReplyFlow ownerReplies) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.messages = messages;
        this.classifier = classifier;
        this.supportMailbox = MailAddress.of(supportAddress);
        this.requests = requests;
        this.ownerReplies = ownerReplies;
    }

    public Result receive(ParseOutcome outcome) {
        return transaction.execute(status -> apply(outcome));
    }

    private Result apply(ParseOutcome outcome) {
        String dedupeKey = outcome.dedupeKey().asString();
        if (messages.alreadyRecorded(dedupeKey)) {
            return Result.DUPLICATE;
        }
        if (outcome instanceof Parsed parsed) {
            return parsed(parsed.message(), dedupeKey);
        }
        return rejected((Rejected) outcome, dedupeKey);
    }

    private Result rejected(Rejected rejected, String dedupeKey) {
        String from = rejected.partial().from().map(MailAddress::address).orElse(null);
        Messages.Inbound record = new Messages.Inbound(
                dedupeKey,
                rejected.partial().messageId().orElse(null),
                from,
                rejected.partial().subject().orElse(null),
                null);
        List<Check> checks = List.of(Check.fail("parse", rejected.reason() + ": " + rejected.detail()));
        Optional<TicketRow> open = from == null ? Optional.empty() : tickets.lockOpenOf(from);
        if (open.isPresent()) {
            // joins the sender's open ticket; a message anyone can forge does not change its status
            messages.recordInbound(open.get().id(), record, "REJECTED", checks);
            return Result.REJECTED;
        }
        TicketRow ticket = tickets.open(
                from, TicketStatus.NEEDS_AGENT, "MESSAGE_" + rejected.reason().name());
        tickets.announceOpened(ticket, "SYSTEM");
        messages.recordInbound(ticket.id(), record, "REJECTED", checks);
        return Result.REJECTED;
    }

    private Result parsed(InboundMessage message, String dedupeKey) {
        Messages.Inbound record = new Messages.Inbound(
                dedupeKey,
                message.messageId().orElse(null),
                message.sender().map(MailAddress::address).orElse(null),
                message.subject(),
                ReplyText.of(message).text());
        Set<UUID> thread = threadTickets(message);
        Set<ApprovalToken> tokens = tokens(message);
        Classification classification = classifier.classify(message);
        if (classification.automated()) {
            List<Check> checks = new ArrayList<>();
            classification
                    .signals()
                    .forEach(signal -> checks.add(Check.fail("automated", signal.kind() + ": " + signal.detail())));
            if (!tokens.isEmpty()) {
                checks.add(Check.fail("token", "carries an approval token: ignored, automated mail never approves"));
            }
            UUID ticketId = thread.size() == 1
                    ? thread.iterator().next()
                    : ownerReplies.ticketOf(tokens).orElse(null);
            messages.recordInbound(ticketId, record, "AUTOMATED", checks);
            return Result.AUTOMATED;
        }
        if (!tokens.isEmpty()) {
            ownerReplies.handle(message, record, tokens, thread);
            return Result.OWNER_REPLY;
        }
        if (!thread.isEmpty()) {
            requests.followUp(tickets.lock(thread.iterator().next()).orElseThrow(), message, record);
            return Result.FOLLOW_UP;
        }
        // one open ticket per requester: a second request joins the open one's thread
        Optional<TicketRow> open = message.sender().flatMap(sender -> tickets.lockOpenOf(sender.address()));
        if (open.isPresent()) {
            requests.followUp(open.get(), message, record);
            return Result.FOLLOW_UP;
        }
        requests.open(message, record);
        return Result.NEW_TICKET;
    }

    /** Tickets this message belongs to by its subject tag or by the Message-IDs it answers; the tag first. */
    private Set<UUID> threadTickets(InboundMessage message) {
        Set<UUID> found = new LinkedHashSet<>();
        TicketReference.inSubject(message.subject())
                .flatMap(tickets::idByReference)
                .ifPresent(found::add);
        found.addAll(tickets.idsByMessageIds(message.referencedIds()));
        return found;
    }

    /** Approval tokens in a plus-address of the support mailbox (the confirmation request's Reply-To). */
    private Set<ApprovalToken> tokens(InboundMessage message) {
        Set<ApprovalToken> tokens = new LinkedHashSet<>();
        message.recipients().stream()
                .map(address -> address.plusToken(supportMailbox))
                .flatMap(Optional::stream)
                .map(ApprovalToken::parse)
                .flatMap(Optional::stream)
                .forEach(tokens::add);
        return tokens;
    }

    static Decision decision(InboundMessage message) {
        return DecisionWords.decide(ReplyText.of(message));
    }

    static Check authenticationCheck(SenderAuthentication authentication, InboundMessage message, String domain) {
        SenderVerdict verdict = authentication.evaluate(message, domain);
        if (verdict instanceof SenderVerdict.Authenticated ok) {
            return Check.pass("sender-authenticated", ok.evidence());
        }
        SenderVerdict.NotAuthenticated no = (SenderVerdict.NotAuthenticated) verdict;
        return Check.fail("sender-authenticated", no.reason() + ": " + no.detail());
    }
}
