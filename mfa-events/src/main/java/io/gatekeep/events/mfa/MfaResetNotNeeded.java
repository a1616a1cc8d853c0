package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * An approved support reset found nothing to disable: the user had no active MFA credential when the worker applied it
 * (they turned MFA off, or used their recovery code, after asking support). Lets the desk close the ticket instead of
 * leaving it approved forever. {@code actorUserId} is the approving owner, null when agents approved without one; no
 * request caused it.
 */
public record MfaResetNotNeeded(UUID ticketId, String reference, UUID userId, UUID actorUserId)
        implements UserEvent, ActorEvent {

    public MfaResetNotNeeded {
        present(ticketId, "ticketId");
        text(reference, "reference");
        present(userId, "userId");
    }
}
