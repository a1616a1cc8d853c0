package io.gatekeep.worker.enforcement;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.notifications.Directory;
import io.gatekeep.worker.notifications.Notification;
import io.gatekeep.worker.notifications.NotificationRule;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Confirms to every owner that enforcement was turned on (with how many members still lack MFA) or off. Owners are
 * few, so this is an ordinary notification (cause {@code enforcement-confirmation:<event id>:<owner id>}); a change
 * of the session option alone is not confirmed.
 */
class EnforcementConfirmation implements NotificationRule {

    private final JdbcTemplate jdbc;
    private final Directory directory;
    private final String baseUrl;

    EnforcementConfirmation(JdbcTemplate jdbc, Directory directory, String baseUrl) {
        this.jdbc = jdbc;
        this.directory = directory;
        this.baseUrl = baseUrl;
    }

    @Override
    public EventType eventType() {
        return EventType.MFA_ENFORCEMENT_CHANGED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MfaEnforcementChanged changed = event.payload(MfaEnforcementChanged.class);
        if (changed.enforced() == changed.previouslyEnforced()) {
            return List.of();
        }
        String organization =
                directory.organizationName(changed.organizationId()).orElse("your organization");
        String actor = changed.actorUserId() == null
                ? "Someone"
                : directory
                        .person(changed.actorUserId())
                        .map(Directory.Person::displayName)
                        .orElse("Someone");
        long withoutMfa = changed.enforced() ? membersWithoutMfa(changed.organizationId()) : 0;
        return owners(changed.organizationId()).stream()
                .map(owner -> Notification.aboutFor(
                        event,
                        "enforcement-confirmation",
                        owner.id(),
                        owner.email(),
                        EnforcementNotices.confirmationSubject(organization, changed.enforced()),
                        EnforcementNotices.confirmationBody(
                                owner.displayName(),
                                organization,
                                actor,
                                changed.enforced(),
                                withoutMfa,
                                changed.revokeNonCompliantSessions(),
                                baseUrl)))
                .toList();
    }

    private List<Directory.Person> owners(UUID organizationId) {
        return jdbc.query(
                """
                select u.id, u.email, u.display_name from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and m.role = 'OWNER' order by u.id""",
                (row, i) -> new Directory.Person(row.getObject(1, UUID.class), row.getString(2), row.getString(3)),
                organizationId);
    }

    private long membersWithoutMfa(UUID organizationId) {
        return jdbc.queryForObject("""
                select count(*) from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and u.status = 'ACTIVE'
                  and not exists (select 1 from mfa_credential c where c.user_id = m.user_id and c.revoked_at is null)
                """, Long.class, organizationId);
    }
}
