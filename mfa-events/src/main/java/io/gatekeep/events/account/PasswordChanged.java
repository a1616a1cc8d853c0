package io.gatekeep.events.account;

import static io.gatekeep.events.Require.notNegative;
import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** An account's password changed. {@code sessionsEnded} counts the sessions that were ended. */
public record PasswordChanged(UUID userId, Via via, long sessionsEnded, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    /** How the password changed. */
    public enum Via {
        /** With an emailed reset link; every session ended. */
        RESET,
        /** By the signed-in holder; their other sessions ended. */
        CHANGE
    }

    public PasswordChanged {
        present(userId, "userId");
        present(via, "via");
        notNegative(sessionsEnded, "sessionsEnded");
        textOrNull(clientIp, "clientIp");
    }

    /** The account holder changed it (with a reset link or signed in). */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
