package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.OrganizationEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone was invited to an organization (whether or not the address has an account: no membership exists until they
 * accept). {@code email} and {@code displayName} are as the inviter typed them ({@code displayName} may be null), never
 * read from an existing account. The invitation token is not here: the worker creates it when it writes the email.
 */
public record MemberInvited(
        UUID organizationId,
        UUID userId,
        UUID invitationId,
        String email,
        String displayName,
        String role,
        Instant expiresAt,
        UUID actorUserId,
        String clientIp)
        implements UserEvent, OrganizationEvent, ActorEvent, RequestEvent {

    public MemberInvited {
        present(organizationId, "organizationId");
        present(userId, "userId");
        present(invitationId, "invitationId");
        text(email, "email");
        text(role, "role");
        present(expiresAt, "expiresAt");
        present(actorUserId, "actorUserId");
        textOrNull(clientIp, "clientIp");
    }
}
