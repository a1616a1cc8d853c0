package io.gatekeep.events.support;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;

import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * A support ticket moved from one state to another. {@code actor} names who moved it ({@code SYSTEM},
 * {@code REQUESTER}, {@code OWNER}, {@code AGENT:<id>}); {@code reason} is a short machine-readable cause.
 * {@code userId} and {@code organizationId} are null while the ticket names no known account or organization (a
 * request from an unknown address). Keyed by ticket.
 */
public record SupportTicketTransitioned(
        UUID ticketId,
        String reference,
        String fromStatus,
        String toStatus,
        UUID userId,
        UUID organizationId,
        String actor,
        String reason)
        implements UserEvent, OrganizationEvent {

    public SupportTicketTransitioned {
        present(ticketId, "ticketId");
        text(reference, "reference");
        text(fromStatus, "fromStatus");
        text(toStatus, "toStatus");
        text(actor, "actor");
    }

    @Override
    public String partitionKey() {
        return ticketId.toString();
    }
}
