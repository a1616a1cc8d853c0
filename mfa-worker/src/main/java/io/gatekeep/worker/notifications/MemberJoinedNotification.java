package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.InvitationAccepted;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.mail.EmailText;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Confirms to a person that they joined an organization by accepting its invitation, so a join they did not make
 * does not go unnoticed.
 */
@Component
class MemberJoinedNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    MemberJoinedNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.INVITATION_ACCEPTED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        InvitationAccepted accepted = event.payload(InvitationAccepted.class);
        String organization = EmailText.quoted(
                directory.organizationName(accepted.organizationId()).orElse(null));
        String role = directory
                .roleIn(accepted.organizationId(), accepted.userId())
                .map(name -> " as " + name.toLowerCase(Locale.ROOT))
                .orElse("");
        return directory
                .person(accepted.userId())
                .map(person -> Notification.about(
                        event,
                        "member-joined",
                        person.email(),
                        "You joined " + organization + " on Gatekeep",
                        MfaNotices.body(EmailText.quoted(person.displayName()), """
                                You accepted the invitation and joined the organization %s%s on %s.

                                Its owners and admins now see your name, address, role and whether your account \
                                has MFA; never your sign-ins or IP addresses. You can leave it at any time \
                                (DELETE %s/api/v1/me/organizations/%s).

                                If this was not you, sign in, leave the organization and change your \
                                password.""".formatted(
                                        organization,
                                        role,
                                        MfaNotices.time(event.envelope().time()),
                                        web.baseUrl(),
                                        accepted.organizationId()))))
                .stream()
                .toList();
    }
}
