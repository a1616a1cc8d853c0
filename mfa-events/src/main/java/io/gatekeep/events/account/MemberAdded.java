package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/**
 * An existing user was added to an organization directly. No longer emitted (memberships are made only by accepting an
 * invitation); kept so that records written before can still be read.
 */
public record MemberAdded(
        UUID organizationId, UUID userId, String email, String role, UUID actorUserId, String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public MemberAdded {
        present(organizationId, "organizationId");
        present(userId, "userId");
        text(email, "email");
        text(role, "role");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }
}
