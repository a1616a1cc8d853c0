package io.gatekeep.messaging.consuming;

import io.gatekeep.events.EventType;
import java.util.List;

/**
 * One effect that follows from events. The dispatcher calls a handler inside a JDBC transaction that has just
 * recorded {@code (name(), event id)} in {@code processed_event}, and only for events this handler has not processed
 * before, so a redelivered event has its effect once. Write effects through the Spring-managed DataSource (e.g. a
 * {@code JdbcTemplate}) so they join that transaction; throw to roll it back and have the event retried.
 */
public interface EventHandler {

    /** The consumer name recorded with each processed event id. Never rename a deployed handler. */
    String name();

    boolean handles(EventType type);

    /**
     * Whether this decoded event of a handled type has an effect here; by default every one does. An event refused
     * here is neither handled nor recorded as processed (for handlers that care about a few events of a type).
     */
    default boolean handles(ReceivedEvent event) {
        return handles(event.type());
    }

    void handle(ReceivedEvent event);

    /** Applies several events in one transaction; override to batch statements. */
    default void handleAll(List<ReceivedEvent> events) {
        events.forEach(this::handle);
    }
}
