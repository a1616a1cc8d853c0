package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A member was removed from an organization. */
public record MemberRemoved(UUID organizationId, UUID userId, String role, UUID actorUserId, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public MemberRemoved {
        present(organizationId, "organizationId");
        present(userId, "userId");
        text(role, "role");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }
}
