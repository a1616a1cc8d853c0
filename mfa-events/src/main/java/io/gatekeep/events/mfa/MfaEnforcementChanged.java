package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import java.util.UUID;

/** An organization turned MFA enforcement on or off; keyed by organization. */
public record MfaEnforcementChanged(
        UUID organizationId,
        boolean previouslyEnforced,
        boolean enforced,
        boolean revokeNonCompliantSessions,
        UUID actorUserId,
        String clientIp)
        implements OrganizationEvent, ActorEvent, RequestEvent {

    public MfaEnforcementChanged {
        present(organizationId, "organizationId");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }

    @Override
    public String partitionKey() {
        return organizationId.toString();
    }
}
