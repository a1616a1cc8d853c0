package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.CancelOutcome;
import io.gatekeep.desk.tickets.ResetWindow;
import io.gatekeep.desk.tickets.TicketStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stopping an approved reset before its time: a cancel link (public, the token is the only credential) or the
 * requester's STOP reply. The ticket becomes {@code CANCELLED}, every approval and cancel token of it ends, and
 * everyone who was sent a cancel link is told. Once the reset is released to the worker it can no longer be stopped
 * here (the worker's re-check still refuses a ticket that is not {@code APPROVED}).
 */
public class Cancellations {

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final ResetSchedule schedule;
    private final CancelTokens cancelTokens;
    private final Tokens approvalTokens;
    private final DeskMail mail;
    private final Clock clock;

    public Cancellations(
            TransactionTemplate transaction,
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            Tokens approvalTokens,
            DeskMail mail,
            Clock clock) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.schedule = schedule;
        this.cancelTokens = cancelTokens;
        this.approvalTokens = approvalTokens;
        this.mail = mail;
        this.clock = clock;
    }

    /** The cancel link's token, as it came in the request body. */
    public CancelOutcome cancelByLink(String token) {
        Optional<ApprovalToken> parsed = ApprovalToken.parse(token);
        if (parsed.isEmpty()) {
            return new CancelOutcome.InvalidToken();
        }
        return transaction.execute(status -> {
            Optional<CancelTokens.Stored> stored = cancelTokens.find(parsed.get());
            if (stored.isEmpty()) {
                return new CancelOutcome.InvalidToken();
            }
            TicketRow ticket = tickets.lock(stored.get().ticketId()).orElseThrow();
            Instant now = clock.instant();
            if (stored.get().usedAt().isPresent() || !now.isBefore(stored.get().expiresAt())) {
                return new CancelOutcome.TokenExpired(
                        stored.get().usedAt().orElse(stored.get().expiresAt()));
            }
            ResetWindow window = schedule.window(ticket.id());
            if (!window.stoppableAt(now)) {
                return new CancelOutcome.NotCancellable(ticket.status());
            }
            boolean requester = stored.get().recipient().equalsIgnoreCase(ticket.requesterEmail());
            cancel(
                    ticket,
                    requester ? "REQUESTER" : "OWNER",
                    "CANCEL_LINK",
                    requester ? ticket.requesterName() : stored.get().recipient());
            return new CancelOutcome.Cancelled(ticket.reference());
        });
    }

    /** Whether the (locked) ticket's reset can still be stopped now. */
    boolean stoppable(TicketRow ticket) {
        return schedule.window(ticket.id()).stoppableAt(clock.instant());
    }

    /** Cancels the locked, stoppable ticket in the caller's transaction and tells everyone who had a cancel link. */
    void cancel(TicketRow ticket, String actor, String reason, String cancelledBy) {
        List<String> told = cancelTokens.recipients(ticket.id());
        cancelTokens.retireAll(ticket.id());
        approvalTokens.retireAll(ticket.id());
        TicketRow cancelled = tickets.move(ticket, TicketStatus.CANCELLED, actor, reason);
        Instant now = clock.instant();
        for (int i = 0; i < told.size(); i++) {
            mail.send(ResetLetters.cancelled(cancelled, told.get(i), cancelledBy, now, "reset-cancelled:" + i));
        }
    }
}
