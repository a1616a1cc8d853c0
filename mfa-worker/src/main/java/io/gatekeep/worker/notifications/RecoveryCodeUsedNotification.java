package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells the account owner that the recovery code was used: MFA is off now, and how to turn it back on. (The
 * {@code MfaDisabled} event of the same sign-in sends nothing more: one email per cause.)
 */
@Component
class RecoveryCodeUsedNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    RecoveryCodeUsedNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.RECOVERY_CODE_USED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        RecoveryCodeUsed used = event.payload(RecoveryCodeUsed.class);
        String from = used.clientIp() == null ? "" : " from " + used.clientIp();
        return directory
                .person(used.userId())
                .map(person -> Notification.about(
                        event,
                        "recovery-code-used",
                        person.email(),
                        "Your recovery code was used: MFA is now off",
                        MfaNotices.body(person.displayName(), """
                        Your recovery code was used to sign in to your Gatekeep account on %s%s.

                        Multi-factor authentication is now OFF for your account, and that recovery code no longer \
                        works. Set MFA up again now: sign in at %s, open your profile and start the MFA setup; you \
                        will get a new recovery code. If your organization requires MFA, you will be taken through \
                        the setup at your next sign-in.

                        %s""".formatted(
                                        MfaNotices.time(event.envelope().time()),
                                        from,
                                        web.baseUrl(),
                                        MfaNotices.notYou(web.baseUrl())))))
                .stream()
                .toList();
    }
}
