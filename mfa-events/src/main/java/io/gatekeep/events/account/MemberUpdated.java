package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.Set;
import java.util.UUID;

/** A member's role or explicit permissions changed. */
public record MemberUpdated(
        UUID organizationId,
        UUID userId,
        String oldRole,
        String newRole,
        Set<String> oldPermissions,
        Set<String> newPermissions,
        UUID actorUserId,
        String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public MemberUpdated {
        present(organizationId, "organizationId");
        present(userId, "userId");
        text(oldRole, "oldRole");
        text(newRole, "newRole");
        present(oldPermissions, "oldPermissions");
        present(newPermissions, "newPermissions");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }
}
