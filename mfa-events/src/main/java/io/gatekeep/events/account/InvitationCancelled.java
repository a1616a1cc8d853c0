package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** An owner or admin withdrew an open invitation before it was answered. */
public record InvitationCancelled(
        UUID organizationId, UUID userId, UUID invitationId, UUID actorUserId, String clientIp)
        implements EventPayload {}
