package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/** Warns the user that too many wrong codes locked their MFA step: someone may be guessing. */
@Component
class MfaLockedOutNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    MfaLockedOutNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.MFA_LOCKED_OUT;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MfaLockedOut locked = event.payload(MfaLockedOut.class);
        return directory
                .person(locked.userId())
                .map(person -> Notification.about(
                        event,
                        "mfa-locked-out",
                        person.email(),
                        "Too many wrong codes: MFA sign-in is locked",
                        MfaNotices.body(person.displayName(), """
                        Several wrong authentication codes in a row were entered for your Gatekeep account, so \
                        signing in with MFA is locked until %s.

                        Whoever entered them knew your password. If it was not you, change your password at %s as \
                        soon as the lock ends, and tell your organization's owner.""".formatted(
                                        MfaNotices.time(locked.lockedUntil()), web.baseUrl()))))
                .stream()
                .toList();
    }
}
