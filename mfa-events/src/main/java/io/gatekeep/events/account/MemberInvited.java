package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
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
        implements EventPayload {}
