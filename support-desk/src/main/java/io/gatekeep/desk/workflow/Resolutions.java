package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.TicketStatus;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Step 6, after the worker (a refused reset goes back to an agent): {@code MfaDisabled} (reset done) or {@code MfaResetNotNeeded} (nothing to disable) resolves
 * an approved ticket and tells requester and approver. Runs in the consumer's transaction; a ticket not in
 * {@code APPROVED} (already resolved, or never approved) is left alone.
 */
public class Resolutions {

    private static final Logger log = LoggerFactory.getLogger(Resolutions.class);

    private final Tickets tickets;
    private final DeskMail mail;

    public Resolutions(Tickets tickets, DeskMail mail) {
        this.tickets = tickets;
        this.mail = mail;
    }

    public void resetApplied(UUID ticketId, boolean wasNeeded) {
        TicketRow ticket = tickets.lock(ticketId).orElse(null);
        if (ticket == null || ticket.status() != TicketStatus.APPROVED) {
            log.info(
                    "Reset outcome for ticket {} ignored: ticket is {}",
                    ticketId,
                    ticket == null ? "unknown" : ticket.status());
            return;
        }
        TicketRow resolved = tickets.move(
                ticket, TicketStatus.RESOLVED, "SYSTEM", wasNeeded ? "MFA_DISABLED" : "MFA_RESET_NOT_NEEDED");
        mail.send(Letters.resolved(resolved, resolved.requesterEmail(), "requester", wasNeeded));
        mail.send(Letters.resolved(resolved, resolved.approverEmail(), "approver", wasNeeded));
    }

    /**
     * The worker's re-check at the moment of the reset failed ({@code MfaResetRefused}): nothing was changed, and the
     * approved ticket goes back to an agent with the reason. No mail: none may claim a reset that did not happen.
     */
    public void resetRefused(UUID ticketId, String reason) {
        TicketRow ticket = tickets.lock(ticketId).orElse(null);
        if (ticket == null || ticket.status() != TicketStatus.APPROVED) {
            log.info(
                    "Reset refusal for ticket {} ignored: ticket is {}",
                    ticketId,
                    ticket == null ? "unknown" : ticket.status());
            return;
        }
        tickets.move(ticket, TicketStatus.NEEDS_AGENT, "SYSTEM", "RESET_REFUSED_" + reason);
    }
}
