package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Queues the emails the {@link NotificationRule}s compose for an event. */
@Component
class NotificationHandler implements EventHandler {

    private final Map<EventType, List<NotificationRule>> rules = new EnumMap<>(EventType.class);
    private final OutgoingEmails emails;

    /** Several rules may answer one event type (the person concerned, the organization's owners), each its kind. */
    NotificationHandler(List<NotificationRule> rules, OutgoingEmails emails) {
        for (NotificationRule rule : rules) {
            this.rules
                    .computeIfAbsent(rule.eventType(), type -> new ArrayList<>())
                    .add(rule);
        }
        this.emails = emails;
    }

    @Override
    public String name() {
        return "notifications";
    }

    @Override
    public boolean handles(EventType type) {
        return rules.containsKey(type);
    }

    @Override
    public void handle(ReceivedEvent event) {
        for (NotificationRule rule : rules.get(event.type())) {
            for (Notification notification : rule.compose(event)) {
                emails.enqueue(
                        notification.causeKey(), notification.recipient(), notification.subject(), notification.body());
            }
        }
    }
}
