package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.TicketReference;
import io.gatekeep.desk.tickets.TicketStatus;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** A ticket as stored. */
public record TicketRow(
        UUID id,
        TicketReference reference,
        TicketStatus status,
        String statusReason,
        String requesterAddress,
        UUID userId,
        String requesterEmail,
        String requesterName,
        UUID organizationId,
        String organizationName,
        UUID approverUserId,
        String approverEmail,
        String approverName,
        String approverRole,
        boolean clarificationSent,
        Instant ownerConfirmedAt,
        Instant createdAt,
        Instant updatedAt,
        Instant expiresAt) {

    /** Whether {@code address} is the requester: the address they wrote from, or their registered one. */
    public boolean isRequester(Optional<String> address) {
        return address.filter(a -> a.equalsIgnoreCase(requesterAddress)
                        || requesterEmail != null && a.equalsIgnoreCase(requesterEmail))
                .isPresent();
    }

    public boolean isApprover(Optional<String> address) {
        return address.filter(a -> approverEmail != null && a.equalsIgnoreCase(approverEmail))
                .isPresent();
    }

    public boolean hasParties() {
        return userId != null && organizationId != null && approverUserId != null;
    }
}
