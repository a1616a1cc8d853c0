package io.gatekeep.events.account;

import static io.gatekeep.events.Require.present;
import static io.gatekeep.events.Require.text;
import static io.gatekeep.events.Require.textOrNull;

import io.gatekeep.events.RequestEvent;
import java.util.Locale;
import java.util.UUID;

/**
 * A pending signup tried to sign in with its password: the confirmation email goes out again with a new link (the
 * earlier link stops working). At most once per 10 minutes per signup. No account exists yet: it is about no user.
 */
public record SignupConfirmationResent(UUID signupId, String email, String clientIp) implements RequestEvent {

    public SignupConfirmationResent {
        present(signupId, "signupId");
        text(email, "email");
        textOrNull(clientIp, "clientIp");
    }

    @Override
    public String partitionKey() {
        return "signup/" + email.toLowerCase(Locale.ROOT);
    }
}
