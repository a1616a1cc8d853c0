package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.events.account.MemberAdded;
import io.gatekeep.worker.WebProperties;
import io.gatekeep.worker.consuming.ReceivedEvent;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;

/** Tells an existing user they were added to an organization. */
@Component
class MemberAddedNotification implements NotificationRule {

    private final Directory directory;
    private final WebProperties web;

    MemberAddedNotification(Directory directory, WebProperties web) {
        this.directory = directory;
        this.web = web;
    }

    @Override
    public EventType eventType() {
        return EventType.MEMBER_ADDED;
    }

    @Override
    public List<Notification> compose(ReceivedEvent event) {
        MemberAdded added = event.payload(MemberAdded.class);
        String organization = directory.organizationName(added.organizationId()).orElse("an organization");
        String addedBy = added.actorUserId() == null ? null
                : directory.person(added.actorUserId()).map(Directory.Person::displayName).orElse(null);
        String name = directory.person(added.userId()).map(Directory.Person::displayName).orElse("there");
        String body = """
                Hello %s,

                %s added you to %s on Gatekeep as %s. Sign in with your existing account to see it:

                  %s

                If you think this is a mistake, contact the organization's owners.

                -- Gatekeep
                """.formatted(name, addedBy == null ? "Someone" : addedBy, organization,
                added.role().toLowerCase(Locale.ROOT), web.baseUrl());
        return List.of(Notification.about(event, "member-added", added.email(),
                "You were added to " + organization + " on Gatekeep", body));
    }
}
