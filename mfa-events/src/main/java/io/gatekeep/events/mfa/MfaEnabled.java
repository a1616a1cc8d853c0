package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** Setup completed: the user's authenticator credential is active and a recovery code was issued. */
public record MfaEnabled(UUID userId, UUID credentialId, UUID setupId, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
