package io.gatekeep.events.account;

import static io.gatekeep.events.Require.exactlyOne;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.RequestEvent;
import io.gatekeep.events.UserEvent;
import java.util.Locale;
import java.util.UUID;

/**
 * Someone asked to sign up with {@code email}. For an address without an active account {@code signupId} names the
 * pending signup and {@code userId} is null: the worker emails the confirmation link. For an address that has an
 * active account {@code userId} is that account and {@code signupId} is null: nothing was created, and the worker
 * emails the account that it exists (sign in, or reset the password). The token is not here: the worker creates it.
 */
public record SignupRequested(
        UUID signupId, UUID userId, String email, String displayName, String organizationName, String clientIp)
        implements UserEvent, RequestEvent {

    public SignupRequested {
        exactlyOne(signupId, "signupId", userId, "userId");
        text(email, "email");
        textOrNull(clientIp, "clientIp");
    }

    /** One address's signups stay in order, with or without an account. */
    @Override
    public String partitionKey() {
        return userId != null ? userId.toString() : "signup/" + email.toLowerCase(Locale.ROOT);
    }
}
