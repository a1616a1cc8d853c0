package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaEnabled;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/** Confirms to the user that MFA is now on, so an unexpected change does not go unnoticed. */
@Component
class MfaEnabledNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    MfaEnabledNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.MFA_ENABLED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MfaEnabled enabled = event.payload(MfaEnabled.class);
        return directory
                .person(enabled.userId())
                .map(person -> Notification.about(
                        event,
                        "mfa-enabled",
                        person.email(),
                        "Multi-factor authentication is now on",
                        MfaNotices.body(person.displayName(), """
                        Multi-factor authentication was turned on for your Gatekeep account on %s. From now on you \
                        sign in with your password and a code from your authenticator app.

                        Keep your recovery code somewhere safe: it is the only way in if you lose your phone, and it \
                        works once.

                        %s""".formatted(
                                        MfaNotices.time(event.envelope().time()), MfaNotices.notYou(web.baseUrl())))))
                .stream()
                .toList();
    }
}
