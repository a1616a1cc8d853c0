package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.mail.EmailText;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * After a support reset, every owner of the ticket's organization is told who lost MFA, when, on whose approval and
 * under which ticket reference, so a reset nobody expected is noticed by more than the one who approved it. (The user
 * is told by {@link MfaDisabledNotification}.)
 */
@Component
class SupportResetOwnersNotification implements NotificationRule {

    private final Directory directory;
    private final JdbcTemplate jdbc;

    SupportResetOwnersNotification(Directory directory, JdbcTemplate jdbc) {
        this.directory = directory;
        this.jdbc = jdbc;
    }

    @Override
    public EventType eventType() {
        return EventType.MFA_DISABLED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MfaDisabled disabled = event.payload(MfaDisabled.class);
        if (disabled.reason() != MfaDisabled.Reason.SUPPORT_RESET) {
            return List.of();
        }
        List<Map<String, Object>> tickets = jdbc.queryForList(
                "select reference, organization_id from desk_ticket where id = ?", disabled.ticketId());
        Directory.Person user = directory.person(disabled.userId()).orElse(null);
        if (tickets.isEmpty() || user == null) {
            return List.of();
        }
        String reference = (String) tickets.get(0).get("reference");
        UUID organization = (UUID) tickets.get(0).get("organization_id");
        String organizationName =
                EmailText.quoted(directory.organizationName(organization).orElse(null));
        String approver = disabled.actorUserId() == null
                ? "support agents"
                : directory
                        .person(disabled.actorUserId())
                        .map(p -> EmailText.quoted(p.displayName()))
                        .orElse("an owner");
        return directory.owners(organization).stream()
                .filter(owner -> !owner.id().equals(user.id()))
                .map(owner -> Notification.aboutFor(
                        event,
                        "support-reset-owner",
                        owner.id(),
                        owner.email(),
                        "MFA was turned off for " + user.displayName() + " after a support request",
                        MfaNotices.body(EmailText.quoted(owner.displayName()), """
                                Multi-factor authentication was turned off on %s for %s (%s), a member of %s, \
                                after support request %s was approved by %s. Their sessions were ended and their \
                                recovery code no longer works; they sign in with their password alone until they \
                                set MFA up again.

                                If you did not expect this, tell your security contact and ask the member to \
                                change their password and set up MFA again.""".formatted(
                                        MfaNotices.time(event.envelope().time()),
                                        EmailText.quoted(user.displayName()),
                                        user.email(),
                                        organizationName,
                                        reference,
                                        approver))))
                .toList();
    }
}
