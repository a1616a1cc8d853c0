package io.gatekeep.worker.notifications;

import io.gatekeep.events.EventType;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.util.List;

/**
 * Who is told what about one event type. A rule runs inside the notification handler's transaction: it may read the
 * database (through {@link Directory} or a {@code JdbcTemplate}) but must not have other effects.
 */
public interface NotificationRule {

    EventType eventType();

    /** The emails this event causes; empty when nobody is to be told. */
    List<Notification> compose(ReceivedEvent event);
}
