package io.gatekeep.desk.workflow;

import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes {@code MfaResetApproved} for every approved ticket whose reset time has come, through the outbox in the
 * transaction that marks it released and ends its cancel links. A database sweep rather than a timer: nothing is held
 * in memory, so a restart of any service loses no reset, and rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so
 * several desk instances may sweep at once without publishing a reset twice.
 */
public class ResetRelease {

    private static final int BATCH = 100;

    private final TransactionTemplate transaction;
    private final Tickets tickets;
    private final ResetSchedule schedule;
    private final CancelTokens cancelTokens;
    private final JdbcOutboxWriter outbox;
    private final Clock clock;

    public ResetRelease(
            TransactionTemplate transaction,
            Tickets tickets,
            ResetSchedule schedule,
            CancelTokens cancelTokens,
            JdbcOutboxWriter outbox,
            Clock clock) {
        this.transaction = transaction;
        this.tickets = tickets;
        this.schedule = schedule;
        this.cancelTokens = cancelTokens;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Releases every due reset; returns how many. */
    public int sweep() {
        int total = 0;
        while (true) {
            Integer released = transaction.execute(status -> {
                Instant now = clock.instant();
                List<UUID> due = schedule.lockDue(now, BATCH);
                due.forEach(id -> release(id, now));
                return due.size();
            });
            total += released;
            if (released < BATCH) {
                return total;
            }
        }
    }

    private void release(UUID ticketId, Instant now) {
        TicketRow ticket = tickets.lock(ticketId).orElseThrow();
        ResetSchedule.Due due = schedule.due(ticketId);
        outbox.append(new MfaResetApproved(
                ticket.id(),
                ticket.reference().value(),
                ticket.userId(),
                ticket.organizationId(),
                ticket.approverUserId(),
                MfaResetApproved.Via.valueOf(due.approvedVia()),
                due.agentId(),
                due.approvedAt(),
                due.resetAt()));
        schedule.released(ticketId, now);
        cancelTokens.retireAll(ticketId);
    }
}
