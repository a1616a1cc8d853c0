package io.gatekeep.desk.workflow;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.MailAddress;
import io.gatekeep.desk.intake.authresults.SenderAuthentication;
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
 * Steps 1 to 3 and the requester's side: a new request opens a ticket; when required its From must be authenticated
 * like an owner's reply (else an agent decides and no owner hears of it); a registered requester who CC'd an eligible
 * approver gets a confirmation request sent to the approver's registered address and a notice to their own, unless
 * the approver already had their confirmation requests for the day ({@link ConfirmationBudget}: then an agent
 * decides, and the requester is told an agent will review, as whenever the rules leave it to an agent); otherwise
 * the requester is told exactly what is missing and their next message on the thread is evaluated again. STOP from
 * the requester cancels; a reply-all from the approver on the original thread gets a pointer to the confirmation.
 */
public class RequestFlow {

    /** Why a request went to an agent without a word to any owner: its From was not authenticated. */
    static final String NOT_AUTHENTICATED = "REQUESTER_NOT_AUTHENTICATED";
    /** The approver already had their confirmation requests for the day. */
    static final String CAP_REACHED = "APPROVER_DAILY_CAP_REACHED";

    private static final Pattern RESET_WORDS = Pattern.compile(
            "\\b(mfa|2fa|multi[- ]?factor|two[- ]?factor|authenticator|recovery code|one[- ]time code|otp)\\b");

    private final Tickets tickets;
    private final Messages messages;
    private final Tokens tokens;
    private final DeskMail mail;
    private final RequestPolicy policy;
    private final MailAddress supportMailbox;
    private final Optional<SenderAuthentication> authentication;
    private final ConfirmationBudget budget;
    private final StopAfterApproval stopAfterApproval;

    /**
     * @param authentication empty when {@code support.require-authenticated-sender} is off; otherwise a request (like
     *     an owner's reply) counts only when the trusted server authenticated its From domain
     */
    public RequestFlow(
            Tickets tickets,
            Messages messages,
            Tokens tokens,
            DeskMail mail,
            RequestPolicy policy,
            String supportAddress,
            Optional<SenderAuthentication> authentication,
            ConfirmationBudget budget,
            StopAfterApproval stopAfterApproval) {
        this.tickets = tickets;
        this.messages = messages;
        this.tokens = tokens;
        this.mail = mail;
        this.policy = policy;
        this.supportMailbox = MailAddress.of(supportAddress);
        this.authentication = authentication;
        this.budget = budget;
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
        if (!authenticated(message, sender, checks)) {
            // A forged From must never reach an owner: no directory lookup, no mail, an agent looks at it.
            TicketRow ticket = tickets.open(sender.get(), TicketStatus.NEEDS_AGENT, NOT_AUTHENTICATED);
            tickets.announceOpened(ticket, "SYSTEM");
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
            return;
        }
        RequestEvaluation evaluation = policy.evaluate(sender, copied(message));
        checks.add(check(evaluation));
        if (evaluation instanceof ReadyForConfirmation ready) {
            boolean withinCap = budget.allows(ready.approver().userId());
            TicketRow ticket = tickets.assignParties(
                    withinCap
                            ? tickets.open(sender.get(), TicketStatus.AWAITING_APPROVAL, "CONFIRMATION_REQUESTED")
                            : tickets.open(sender.get(), TicketStatus.NEEDS_AGENT, CAP_REACHED),
                    ready);
            tickets.announceOpened(ticket, withinCap ? "REQUESTER" : "SYSTEM");
            checks.add(capCheck(withinCap));
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
            if (withinCap) {
                requestConfirmation(ticket);
            } else {
                tellAgentWillReview(ticket, message);
            }
        } else if (evaluation instanceof NeedsRequester needs) {
            TicketRow ticket = tickets.open(sender.get(), TicketStatus.AWAITING_REQUESTER, needs.reason());
            tickets.announceOpened(ticket, "REQUESTER");
            answerRequester(ticket, sender.get(), needs.explanation(), message, checks);
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
        } else {
            NeedsAgent needs = (NeedsAgent) evaluation;
            TicketRow ticket = tickets.open(sender.orElse(null), TicketStatus.NEEDS_AGENT, needs.reason());
            if (needs.requester() != null) {
                ticket = tickets.assignRequester(ticket, needs.requester());
            }
            tickets.announceOpened(ticket, "SYSTEM");
            messages.recordInbound(ticket.id(), record, "REQUEST", checks);
            tellAgentWillReview(ticket, message);
        }
    }

    void followUp(TicketRow ticket, InboundMessage message, Messages.Inbound record) {
        Optional<String> sender = message.sender().map(MailAddress::address);
        List<Check> checks = new ArrayList<>();
        Decision decision = InboundMail.decision(message);
        if (decision == Decision.STOP && stopAfterApproval.applies(ticket)) {
            checks.addAll(stopAfterApproval.stop(ticket, message));
        } else if (ticket.isRequester(sender)
                && decision == Decision.STOP
                && ticket.status().isCancellable()) {
            checks.add(Check.pass("stop", "STOP from the requester"));
            cancel(ticket);
        } else if (ticket.isRequester(sender)
                && (ticket.status() == TicketStatus.AWAITING_REQUESTER
                        || ticket.status() == TicketStatus.NEEDS_AGENT
                                && NOT_AUTHENTICATED.equals(ticket.statusReason()))) {
            // the requester answers what was missing, or writes again authenticated after a forged request
            reevaluate(ticket, message, sender.get(), checks);
        } else if (ticket.status() == TicketStatus.AWAITING_APPROVAL
                && !ticket.isRequester(sender)
                && (ticket.isApprover(sender)
                        || sender.filter(copied(message)::contains).isPresent())) {
            checks.add(
                    Check.fail("token", "no approval token: a reply on the original thread, not to the confirmation"));
            if (mail.mayAnswer(sender.get())) {
                mail.send(Letters.pointer(
                        ticket,
                        sender.get(),
                        message.messageId().orElse(null),
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
        if (!authenticated(message, Optional.of(sender), checks)) {
            if (ticket.status().canMoveTo(TicketStatus.NEEDS_AGENT)) {
                tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", NOT_AUTHENTICATED);
            }
            return;
        }
        RequestEvaluation evaluation = policy.evaluate(Optional.of(sender), copied(message));
        checks.add(check(evaluation));
        if (evaluation instanceof ReadyForConfirmation ready) {
            TicketRow assigned = tickets.assignParties(ticket, ready);
            boolean withinCap = budget.allows(ready.approver().userId());
            checks.add(capCheck(withinCap));
            if (withinCap) {
                requestConfirmation(
                        tickets.move(assigned, TicketStatus.AWAITING_APPROVAL, "REQUESTER", "CONFIRMATION_REQUESTED"));
            } else {
                tellAgentWillReview(moveToAgent(assigned, CAP_REACHED), message);
            }
        } else if (evaluation instanceof NeedsRequester needs) {
            if (ticket.status() != TicketStatus.AWAITING_REQUESTER) {
                ticket = tickets.move(ticket, TicketStatus.AWAITING_REQUESTER, "SYSTEM", needs.reason());
            }
            answerRequester(ticket, sender, needs.explanation(), message, checks);
        } else {
            NeedsAgent needs = (NeedsAgent) evaluation;
            TicketRow moved = moveToAgent(ticket, needs.reason());
            if (needs.requester() != null) {
                tellAgentWillReview(tickets.assignRequester(moved, needs.requester()), message);
            }
        }
    }

    private TicketRow moveToAgent(TicketRow ticket, String reason) {
        return ticket.status().canMoveTo(TicketStatus.NEEDS_AGENT)
                ? tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", reason)
                : ticket;
    }

    /** The request's sender authentication, when required; the check is recorded either way. */
    private boolean authenticated(InboundMessage message, Optional<String> sender, List<Check> checks) {
        if (authentication.isEmpty() || sender.isEmpty()) {
            return true;
        }
        Check check = InboundMail.authenticationCheck(
                authentication.get(), message, MailAddress.of(sender.get()).domain());
        checks.add(check);
        return check.passed();
    }

    private Check capCheck(boolean withinCap) {
        return withinCap
                ? Check.pass("approver-daily-cap", "fewer than " + budget.perDay() + " requests today")
                : Check.fail(
                        "approver-daily-cap",
                        "the approver already received " + budget.perDay()
                                + " confirmation requests in 24 hours: an agent decides");
    }

    /** Tells the registered requester an agent will review the request (counted as an answer, so capped). */
    private void tellAgentWillReview(TicketRow ticket, InboundMessage message) {
        if (ticket.requesterEmail() != null && mail.mayAnswer(ticket.requesterEmail())) {
            mail.send(Letters.agentWillReview(ticket, message.messageId().orElse(null)));
        }
    }

    private void requestConfirmation(TicketRow ticket) {
        ApprovalToken token = tokens.issue(ticket);
        mail.sendWithToken(
                Letters.confirmationRequest(ticket, messages.outboundCount(ticket.id(), "confirmation") + 1), token);
        mail.send(Letters.requesterNotice(ticket));
    }

    private void answerRequester(
            TicketRow ticket, String recipient, String explanation, InboundMessage message, List<Check> checks) {
        if (mail.mayAnswer(recipient)) {
            mail.send(Letters.needsRequester(
                    ticket,
                    recipient,
                    explanation,
                    message.messageId().orElse(null),
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
            return Check.pass(
                    "requester-and-approver",
                    "registered requester " + ready.requester().email() + "; " + ready.role() + " "
                            + ready.approver().email() + " of " + ready.organizationName() + " copied");
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
                .map(MailAddress::address)
                .collect(Collectors.toSet());
    }

    static boolean looksLikeResetRequest(InboundMessage message) {
        String text = (message.subject() + "\n" + message.bodyText()).toLowerCase(Locale.ROOT);
        return RESET_WORDS.matcher(text).find();
    }
}
