package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * An approved support reset found nothing to disable: the user had no active MFA credential when the worker applied it
 * (they turned MFA off, or used their recovery code, after asking support). Lets the desk close the ticket instead of
 * leaving it approved forever.
 */
public record MfaResetNotNeeded(UUID ticketId, String reference, UUID userId, UUID actorUserId)
        implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public String clientIp() {
        return null;
    }
}
