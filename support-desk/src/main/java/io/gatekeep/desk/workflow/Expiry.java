package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.TicketStatus;
import java.util.List;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Step 7: tickets still waiting for the requester or the approver when they expire become {@code EXPIRED}, their
 * tokens end, and the requester is told. Time comes from the injected clock; rows are claimed with
 * {@code FOR UPDATE SKIP LOCKED}, so several desk instances can sweep at once.
 */
public class Expiry {

    private static final int BATCH = 100;

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final Tokens tokens;
    private final DeskMail mail;

    public Expiry(TransactionTemplate transaction, Tickets tickets, Tokens tokens, DeskMail mail) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.tokens = tokens;
        this.mail = mail;
    }

    /** Expires every due ticket; returns how many. */
    public int sweep() {
        int total = 0;
        while (true) {
            Integer expired = transaction.execute(status -> {
                List<TicketRow> due = tickets.lockExpired(BATCH);
                due.forEach(this::expire);
                return due.size();
            });
            total += expired;
            if (expired < BATCH) {
                return total;
            }
        }
    }

    private void expire(TicketRow ticket) {
        tokens.retireAll(ticket.id());
        TicketRow expired = tickets.move(ticket, TicketStatus.EXPIRED, "SYSTEM", "NO_CONFIRMATION_IN_TIME");
        String recipient = expired.requesterEmail() != null ? expired.requesterEmail() : expired.requesterAddress();
        if (recipient != null) {
            mail.send(Letters.expired(expired, recipient));
        }
    }
}
