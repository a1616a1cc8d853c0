package io.gatekeep.events.mfa;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** The account's one recovery code was used to sign in (MFA is disabled by the same transaction). */
public record RecoveryCodeUsed(UUID userId, UUID credentialId, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
