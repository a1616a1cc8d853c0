package io.gatekeep.worker.accounts;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.PasswordResetRequested;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.OneTimeToken;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * On {@code PasswordResetRequested}: mints the reset token, stores its hash on the reset and queues the email with the
 * link to the account's own address, in the handler's transaction. A reset that is gone (used: every reset of the
 * account is deleted then), expired or already mailed gets no email.
 */
@Component
class PasswordResetEmailHandler implements EventHandler {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetEmailHandler.class);

    private final JdbcTemplate jdbc;
    private final OutgoingEmails emails;
    private final AccountHolders holders;
    private final WebProperties web;
    private final Clock clock;

    PasswordResetEmailHandler(
            JdbcTemplate jdbc, OutgoingEmails emails, AccountHolders holders, WebProperties web, Clock clock) {
        this.jdbc = jdbc;
        this.emails = emails;
        this.holders = holders;
        this.web = web;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "password-reset-emails";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.PASSWORD_RESET_REQUESTED;
    }

    @Override
    public void handle(ReceivedEvent event) {
        PasswordResetRequested requested = event.payload(PasswordResetRequested.class);
        OneTimeToken token = OneTimeToken.generate();
        int updated = jdbc.update(
                """
                update password_reset set token_hash = ?
                where id = ? and user_id = ? and token_hash is null and expires_at > ?
                """,
                token.hash(),
                requested.resetId(),
                requested.userId(),
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
        if (updated == 0) {
            log.info("Password reset {} is gone, expired or already mailed; no reset email", requested.resetId());
            return;
        }
        holders.find(requested.userId())
                .ifPresent(holder -> emails.enqueue(
                        "password-reset:" + requested.resetId(),
                        holder.email(),
                        AccountEmails.RESET_SUBJECT,
                        AccountEmails.reset(
                                holder.displayName(), token.value(), requested.expiresAt(), web.baseUrl())));
    }
}
