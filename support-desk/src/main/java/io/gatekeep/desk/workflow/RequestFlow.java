package io.gatekeep.desk.workflow;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.Check;
import io.gatekeep.desk.tickets.RequestEvaluation;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsAgent;
import io.gatekeep.desk.tickets.RequestEvaluation.NeedsRequester;
import io.gatekeep.desk.tickets.RequestEvaluation.ReadyForConfirmation;
import io.gatekeep.desk.tickets.RequestPolicy;
import io.gatekeep.desk.tickets.TicketStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Steps 1 to 3 and the requester's side: a new request opens a ticket; a registered requester who CC'd an eligible
 * approver gets a confirmation request sent to the approver's registered address and a notice to their own; otherwise
 * the requester is told exactly what is missing and their next message on the thread is evaluated again. STOP from
 * the requester cancels; a reply-all from the approver on the original thread gets a pointer to the confirmation.
 */
public class RequestFlow {

    private static final Pattern RESET_WORDS = Pattern.compile(
            "\\b(mfa|2fa|multi[- ]?factor|two[- ]?factor|authenticator|recovery code|one[- ]time code|otp)\\b");

    private final Tickets tickets;
    private final Messages messages;
    private final Tokens tokens;
    private final DeskMail mail;
    private final RequestPolicy policy;
    private final MailAddress supportMailbox;
    private final StopAfterApproval stopAfterApproval;

    public RequestFlow(Tickets tickets, Messages messages, Tokens tokens, DeskMail mail, RequestPolicy policy,
                       String supportAddress, StopAfterApproval stopAfterApproval) {
        this.tickets = tickets;
        this.messages = messages;
        this.tokens = tokens;
        this.mail = mail;
        this.policy = policy;
        this.supportMailbox = MailAddress.of(supportAddress);
        this.stopAfterApproval = stopAfterApproval;
    }

    void open(InboundMessage message, Messages.Inbound record) {
        Optional<String> sender = message.sender().map(MailAddress::address);
        List<Check> checks = new ArrayList<>();
        if (!looksLikeResetRequest(message)) {
            checks.add(Check.fail("reset-request", "no mention of MFA, an authenticator or a recovery code"));
            TicketRow ticket = tickets.open(sender.orElse(null), TicketStatus.NEEDS_AGENT, "NOT_A_RESET_REQUEST");
            tickets.announceOpened(ticket, "SYSTEM");
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
            return;
        }
        checks.add(Check.pass("reset-request", "asks about MFA"));
        RequestEvaluation evaluation = policy.evaluate(sender, copied(message));
        checks.add(check(evaluation));
        if (evaluation instanceof ReadyForConfirmation ready) {
            TicketRow ticket = tickets.assignParties(
                    tickets.open(sender.get(), TicketStatus.AWAITING_APPROVAL, "CONFIRMATION_REQUESTED"), ready);
            tickets.announceOpened(ticket, "REQUESTER");
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
            requestConfirmation(ticket);
        } else if (evaluation instanceof NeedsRequester needs) {
            TicketRow ticket = tickets.open(sender.get(), TicketStatus.AWAITING_REQUESTER, needs.reason());
            tickets.announceOpened(ticket, "REQUESTER");
            answerRequester(ticket, sender.get(), needs.explanation(), message, checks);
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
        } else {
            TicketRow ticket = tickets.open(sender.orElse(null), TicketStatus.NEEDS_AGENT, ((NeedsAgent) evaluation).reason());
            tickets.announceOpened(ticket, "SYSTEM");
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
        }
    }

    void followUp(TicketRow ticket, InboundMessage message, Messages.Inbound record) {
        Optional<String> sender = message.sender().map(MailAddress::address);
        List<Check> checks = new ArrayList<>();
        Decision decision = InboundMail.decision(message);
        if (decision == Decision.STOP && stopAfterApproval.applies(ticket)) {
            checks.addAll(stopAfterApproval.stop(ticket, message));
        } else if (ticket.isRequester(sender) && decision == Decision.STOP && ticket.status().isCancellable()) {
            checks.add(Check.pass("stop", "STOP from the requester"));
            cancel(ticket);
        } else if (ticket.status() == TicketStatus.AWAITING_REQUESTER && ticket.isRequester(sender)) {
            reevaluate(ticket, message, sender.get(), checks);
        } else if (ticket.status() == TicketStatus.AWAITING_APPROVAL && !ticket.isRequester(sender)
                && (ticket.isApprover(sender) || sender.filter(copied(message)::contains).isPresent())) {
            checks.add(Check.fail("token", "no approval token: a reply on the original thread, not to the confirmation"));
            if (mail.mayAnswer(sender.get())) {
                mail.send(Letters.pointer(ticket, sender.get(), message.messageId().orElse(null),
                        messages.outboundCount(ticket.id(), "pointer") + 1));
            } else {
                checks.add(Check.fail("reply-cap", "no more automatic answers to " + sender.get() + " this hour"));
            }
        } else {
            checks.add(Check.pass("recorded", "no action for this message in " + ticket.status()));
        }
        messages.recordInbound(ticket.id(), record, "FOLLOW_UP", checks);
    }

    private void reevaluate(TicketRow ticket, InboundMessage message, String sender, List<Check> checks) {
        RequestEvaluation evaluation = policy.evaluate(Optional.of(sender), copied(message));
        checks.add(check(evaluation));
        if (evaluation instanceof ReadyForConfirmation ready) {
            TicketRow assigned = tickets.assignParties(ticket, ready);
            requestConfirmation(tickets.move(assigned, TicketStatus.AWAITING_APPROVAL, "REQUESTER", "CONFIRMATION_REQUESTED"));
        } else if (evaluation instanceof NeedsRequester needs) {
            answerRequester(ticket, sender, needs.explanation(), message, checks);
        } else {
            tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", ((NeedsAgent) evaluation).reason());
        }
    }

    private void requestConfirmation(TicketRow ticket) {
        ApprovalToken token = tokens.issue(ticket);
        mail.sendWithToken(Letters.confirmationRequest(ticket, messages.outboundCount(ticket.id(), "confirmation") + 1),
                token);
        mail.send(Letters.requesterNotice(ticket));
    }

    private void answerRequester(TicketRow ticket, String recipient, String explanation, InboundMessage message,
                                 List<Check> checks) {
        if (mail.mayAnswer(recipient)) {
            mail.send(Letters.needsRequester(ticket, recipient, explanation, message.messageId().orElse(null),
                    messages.outboundCount(ticket.id(), "needs-requester") + 1));
        } else {
            checks.add(Check.fail("reply-cap", "no more automatic answers to " + recipient + " this hour"));
        }
    }

    private void cancel(TicketRow ticket) {
        boolean confirmationSent = ticket.status() == TicketStatus.AWAITING_APPROVAL;
        tokens.retireAll(ticket.id());
        TicketRow cancelled = tickets.move(ticket, TicketStatus.CANCELLED, "REQUESTER", "REQUESTER_STOP");
        if (confirmationSent && cancelled.approverEmail() != null) {
            mail.send(Letters.cancelled(cancelled, cancelled.approverEmail(), "approver"));
        }
    }

    private static Check check(RequestEvaluation evaluation) {
        if (evaluation instanceof ReadyForConfirmation ready) {
            return Check.pass("requester-and-approver", "registered requester " + ready.requester().email() + "; "
                    + ready.role() + " " + ready.approver().email() + " of " + ready.organizationName() + " copied");
        }
        if (evaluation instanceof NeedsRequester needs) {
            return Check.fail("requester-and-approver", needs.reason());
        }
        return Check.fail("requester-and-approver", ((NeedsAgent) evaluation).reason());
    }

    /** To and Cc without the desk's own addresses. */
    private Set<String> copied(InboundMessage message) {
        return message.recipients().stream()
                .filter(address -> !address.address().equals(supportMailbox.address())
                        && address.plusToken(supportMailbox).isEmpty())
                .map(MailAddress::address).collect(Collectors.toSet());
    }

    static boolean looksLikeResetRequest(InboundMessage message) {
        String text = (message.subject() + "\n" + message.bodyText()).toLowerCase(Locale.ROOT);
        return RESET_WORDS.matcher(text).find();
    }
}
