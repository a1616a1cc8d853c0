package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.UUID;

/**
 * An account's password changed. {@code via}: {@code RESET} (an emailed reset link; every session ended) or
 * {@code CHANGE} (the signed-in holder; their other sessions ended). {@code sessionsEnded} counts the sessions that
 * were ended.
 */
public record PasswordChanged(UUID userId, String via, long sessionsEnded, String clientIp) implements EventPayload {

    public static final String VIA_RESET = "RESET";
    public static final String VIA_CHANGE = "CHANGE";

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return userId;
    }
}
