package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** An organization turned MFA enforcement on or off; keyed by organization. */
public record MfaEnforcementChanged(
        UUID organizationId,
        boolean previouslyEnforced,
        boolean enforced,
        boolean revokeNonCompliantSessions,
        UUID actorUserId,
        String clientIp)
        implements EventPayload {

    @Override
    public UUID userId() {
        return null;
    }

    @Override
    public String partitionKey() {
        return organizationId.toString();
    }
}
