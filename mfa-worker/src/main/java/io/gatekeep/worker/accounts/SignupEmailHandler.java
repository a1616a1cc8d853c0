package io.gatekeep.worker.accounts;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.SignupConfirmationResent;
import io.gatekeep.events.account.SignupRequested;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.OneTimeToken;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On {@code SignupRequested} for an address without an account, and on {@code SignupConfirmationResent}: mints the
 * confirmation token, stores its hash on the pending signup (replacing an earlier one: only the newest email's link
 * works) and queues the email, in the handler's transaction. A signup that was replaced, confirmed or has expired gets
 * no email; a first email is not sent twice. On {@code SignupRequested} for an address with an account: queues the
 * email that says so, to the account's own address.
 */
@Component
class SignupEmailHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(SignupEmailHandler.class);

    private final JdbcTemplate jdbc;
    private final OutgoingEmails emails;
    private final AccountHolders holders;
    private final WebProperties web;
    private final Clock clock;

    SignupEmailHandler(
            JdbcTemplate jdbc, OutgoingEmails emails, AccountHolders holders, WebProperties web, Clock clock) {
        this.jdbc = jdbc;
        this.emails = emails;
        this.holders = holders;
        this.web = web;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "signup-emails";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.SIGNUP_REQUESTED || type == EventType.SIGNUP_CONFIRMATION_RESENT;
    }

    @Override
    public void handle(ReceivedEvent event) {
        if (event.payload() instanceof SignupRequested requested) {
            if (requested.userId() != null) {
                holders.find(requested.userId())
                        .ifPresent(holder -> emails.enqueue(
                                "signup-existing:" + event.id(),
                                holder.email(),
                                AccountEmails.ALREADY_REGISTERED_SUBJECT,
                                AccountEmails.alreadyRegistered(holder.displayName(), web.baseUrl())));
                return;
            }
            confirm(requested.signupId(), true, event.id());
        } else {
            confirm(event.payload(SignupConfirmationResent.class).signupId(), false, event.id());
        }
    }

    private record Signup(String email, String displayName, String organizationName, Instant expiresAt) {}

    private void confirm(UUID signupId, boolean first, UUID eventId) {
        OneTimeToken token = OneTimeToken.generate();
        List<Signup> signups = jdbc.query(
                """
                        update signup_request set token_hash = ?
                        where id = ? and expires_at > ? and (token_hash is null or not ?)
                        returning email, display_name, organization_name, expires_at
                        """,
                (row, index) -> new Signup(
                        row.getString(1),
                        row.getString(2),
                        row.getString(3),
                        row.getObject(4, OffsetDateTime.class).toInstant()),
                token.hash(),
                signupId,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC),
                first);
        if (signups.isEmpty()) {
            log.info("Signup {} is gone, confirmed, expired or already mailed; no confirmation email", signupId);
            return;
        }
        Signup signup = signups.get(0);
        emails.enqueue(
                "signup:" + eventId,
                signup.email(),
                AccountEmails.CONFIRMATION_SUBJECT,
                AccountEmails.confirmation(
                        signup.displayName(),
                        signup.organizationName(),
                        token.value(),
                        signup.expiresAt(),
                        web.baseUrl()));
    }
}
