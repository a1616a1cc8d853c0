package io.gatekeep.events.account;

import io.gatekeep.events.EventPayload;
import java.util.Locale;
import java.util.UUID;

/**
 * A pending signup tried to sign in with its password: the confirmation email goes out again with a new link (the
 * earlier link stops working). At most once per 10 minutes per signup.
 */
public record SignupConfirmationResent(UUID signupId, String email, String clientIp) implements EventPayload {

    @Override
    public UUID userId() {
        return null;
    }

    @Override
    public UUID organizationId() {
        return null;
    }

    @Override
    public UUID actorUserId() {
        return null;
    }

    @Override
    public String partitionKey() {
        return "signup/" + email.toLowerCase(Locale.ROOT);
    }
}
