package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.RecoveryCodeUsed;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.mail.EmailText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A member who signs in with their recovery code turns MFA off; the owners of each of their organizations are told
 * (who and when, never from where), as they are after a support reset. The member is told by
 * {@link RecoveryCodeUsedNotification}.
 */
@Component
class RecoveryCodeUsedOwnersNotification implements NotificationRule {

    private final Directory directory;

    RecoveryCodeUsedOwnersNotification(Directory directory) {
        this.directory = directory;
    }

    @Override
    public EventType eventType() {
        return EventType.RECOVERY_CODE_USED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        RecoveryCodeUsed used = event.payload(RecoveryCodeUsed.class);
        Directory.Person member = directory.person(used.userId()).orElse(null);
        if (member == null) {
            return List.of();
        }
        List<Notification> notices = new ArrayList<>();
        Set<UUID> told = new HashSet<>();
        for (UUID organization : directory.organizationsOf(member.id())) {
            String organizationName =
                    EmailText.quoted(directory.organizationName(organization).orElse(null));
            for (Directory.Person owner : directory.owners(organization)) {
                if (owner.id().equals(member.id()) || !told.add(owner.id())) {
                    continue;
                }
                notices.add(Notification.aboutFor(
                        event,
                        "recovery-code-used-owner",
                        owner.id(),
                        owner.email(),
                        member.displayName() + " signed in with their recovery code",
                        MfaNotices.body(EmailText.quoted(owner.displayName()), """
                                %s (%s), a member of %s, signed in with their recovery code on %s. That turned \
                                multi-factor authentication off on their account until they set it up again.

                                If you did not expect this, check with them that it was really them.""".formatted(
                                        EmailText.quoted(member.displayName()),
                                        member.email(),
                                        organizationName,
                                        MfaNotices.time(event.envelope().time())))));
            }
        }
        return notices;
    }
}
