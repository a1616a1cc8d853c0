package io.gatekeep.worker.accounts;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.PasswordChanged;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.OutgoingEmails;
import org.springframework.stereotype.Component;

/** On {@code PasswordChanged}: tells the account, at its own address, when, from where and how. */
@Component
class PasswordChangedNoticeHandler implements EventHandler {

    private final OutgoingEmails emails;
    private final AccountHolders holders;
    private final WebProperties web;

    PasswordChangedNoticeHandler(OutgoingEmails emails, AccountHolders holders, WebProperties web) {
        this.emails = emails;
        this.holders = holders;
        this.web = web;
    }

    @Override
    public String name() {
        return "password-changed-emails";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.PASSWORD_CHANGED;
    }

    @Override
    public void handle(ReceivedEvent event) {
        PasswordChanged changed = event.payload(PasswordChanged.class);
        holders.find(changed.userId())
                .ifPresent(holder -> emails.enqueue(
                        "password-changed:" + event.id(),
                        holder.email(),
                        AccountEmails.CHANGED_SUBJECT,
                        AccountEmails.passwordChanged(
                                holder.displayName(),
                                changed.via(),
                                event.envelope().time(),
                                changed.clientIp(),
                                web.baseUrl())));
    }
}
