package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/** A password sign-in for a known user failed ({@code reason}: {@code BAD_PASSWORD}, {@code RATE_LIMITED} …). */
public record SignInFailed(UUID userId, String reason, String clientIp) implements EventPayload {

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return null;
    }
}
