package io.gatekeep.desk.tickets;

import java.time.Instant;

/**
 * The delay between an approval and its reset, during which the requester or an owner may still stop it. The reset is
 * stoppable while the ticket is {@code APPROVED}, its reset has not been released to the worker, and {@code resetAt}
 * has not come: after that, the worker may already be turning MFA off.
 *
 * @param releasedAt when the desk published the reset; null while it waits
 */
public record ResetWindow(TicketStatus status, Instant approvedAt, Instant resetAt, Instant releasedAt) {

    public boolean stoppableAt(Instant now) {
        return status == TicketStatus.APPROVED && releasedAt == null && resetAt != null && now.isBefore(resetAt);
    }
}
