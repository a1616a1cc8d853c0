package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Tells the user MFA was turned off: by themselves, or by a support reset (naming the ticket and who approved it).
 * A recovery-code sign-in is told by {@link RecoveryCodeUsedNotification} instead.
 */
@Component
class MfaDisabledNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    MfaDisabledNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.MFA_DISABLED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MfaDisabled disabled = event.payload(MfaDisabled.class);
        String how = switch (disabled.reason()) {
            case USER_REQUEST ->
                "You turned multi-factor authentication off for your Gatekeep account on %s."
                        .formatted(MfaNotices.time(event.envelope().time()));
            case SUPPORT_RESET ->
                """
                    Multi-factor authentication was turned off for your Gatekeep account on %s, after a support \
                    request (ticket %s) was confirmed by %s. Your sessions were ended and your old recovery code \
                    no longer works.""".formatted(MfaNotices.time(event.envelope().time()), disabled.ticketId(), approver(disabled));
            case RECOVERY_CODE -> null; // the recovery-code notice tells of it
        };
        if (how == null) {
            return List.of();
        }
        return directory
                .person(disabled.userId())
                .map(person -> Notification.about(
                        event,
                        "mfa-disabled",
                        person.email(),
                        "Multi-factor authentication is now off",
                        MfaNotices.body(person.displayName(), """
                        %s

                        Your account is now protected by your password alone. Set MFA up again from your profile at \
                        %s (if your organization requires MFA, you will be taken through it at your next sign-in).

                        %s""".formatted(
                                        how, web.baseUrl(), MfaNotices.notYou(web.baseUrl())))))
                .stream()
                .toList();
    }

    private String approver(MfaDisabled disabled) {
        return disabled.actorUserId() == null
                ? "your organization"
                : directory
                        .person(disabled.actorUserId())
                        .map(Directory.Person::displayName)
                        .orElse("your organization's owner");
    }
}
