package io.gatekeep.events.mfa;

import static io.gatekeep.events.Require.notNegative;
import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.ActorEvent;
import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A second factor was refused, at {@code stage}, for {@code reason}. */
public record MfaVerificationFailed(UUID userId, Reason reason, Stage stage, int consecutiveFailures, String clientIp)
        implements UserEvent, ActorEvent, RequestEvent {

    /** Why the code was refused. */
    public enum Reason {
        /** The code was wrong. */
        INVALID_CODE,
        /** The code was right but already used in its time step. */
        CODE_ALREADY_USED,
        /** The account's MFA step was locked: the code was not checked. */
        LOCKED_OUT
    }

    /** Where the code was asked for. */
    public enum Stage {
        SIGN_IN,
        SETUP,
        DISABLE,
        STEP_UP
    }

    public MfaVerificationFailed {
        present(userId, "userId");
        present(reason, "reason");
        present(stage, "stage");
        notNegative(consecutiveFailures, "consecutiveFailures");
        textOrNull(clientIp, "clientIp");
    }

    /** The user typed the code. */
    @Override
    public UUID actorUserId() {
        return userId;
    }
}
