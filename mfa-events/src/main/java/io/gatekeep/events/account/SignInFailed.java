package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.UUID;

/** A password sign-in for a known user failed. Anyone may try: it names no actor. */
public record SignInFailed(UUID userId, Reason reason, String clientIp) implements UserEvent, RequestEvent {

    /** Why the sign-in failed. */
    public enum Reason {
        /** The password did not match. */
        BAD_PASSWORD,
        /** The account cannot sign in with a password (not active). */
        NOT_ACTIVE,
        /** Too many attempts: refused before the password was checked. */
        RATE_LIMITED
    }

    public SignInFailed {
        present(userId, "userId");
        present(reason, "reason");
        textOrNull(clientIp, "clientIp");
    }
}
