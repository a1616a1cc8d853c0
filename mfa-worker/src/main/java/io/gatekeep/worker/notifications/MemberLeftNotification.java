package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.MemberLeft;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.mail.EmailText;
import java.util.List;
import org.springframework.stereotype.Component;

/** Confirms to a person that they left an organization (its owners see it in the organization's audit). */
@Component
class MemberLeftNotification implements NotificationRule {

    private final Directory directory;

    MemberLeftNotification(Directory directory) {
        this.directory = directory;
    }

    @Override
    public EventType eventType() {
        return EventType.MEMBER_LEFT;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MemberLeft left = event.payload(MemberLeft.class);
        String organization = EmailText.quoted(
                directory.organizationName(left.organizationId()).orElse(null));
        return directory
                .person(left.userId())
                .map(person -> Notification.about(
                        event,
                        "member-left",
                        person.email(),
                        "You left " + organization + " on Gatekeep",
                        MfaNotices.body(EmailText.quoted(person.displayName()), """
                                You left the organization %s on %s. Its owners and admins no longer see your \
                                account; to join again you need a new invitation.

                                If this was not you, sign in and change your password.""".formatted(
                                organization, MfaNotices.time(event.envelope().time())))))
                .stream()
                .toList();
    }
}
