package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.worker.consuming.EventHandler;
import io.gatekeep.worker.consuming.ReceivedEvent;
import io.gatekeep.worker.mail.OutgoingEmails;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/** Queues the emails the {@link NotificationRule}s compose for an event. */
@Component
class NotificationHandler implements EventHandler {

    private final Map<EventType, NotificationRule> rules = new EnumMap<>(EventType.class);
    private final OutgoingEmails emails;

    NotificationHandler(List<NotificationRule> rules, OutgoingEmails emails) {
        for (NotificationRule rule : rules) {
            if (this.rules.put(rule.eventType(), rule) != null) {
                throw new IllegalStateException("Two notification rules for " + rule.eventType());
            }
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
        for (Notification notification : rules.get(event.type()).compose(event)) {
            emails.enqueue(notification.causeKey(), notification.recipient(), notification.subject(),
                    notification.body());
        }
    }
}
