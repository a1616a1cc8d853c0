package io.gatekeep.messaging.consuming;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** The idempotency record: which handler has applied which event. */
final class ProcessedEvents {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    ProcessedEvents(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * Records the events as processed by {@code consumer} (in the current transaction) and returns those that were
     * not recorded before, in order and each once.
     */
    List<ReceivedEvent> claim(String consumer, List<ReceivedEvent> events) {
        if (events.isEmpty()) {
            return events;
        }
        UUID[] ids = events.stream().map(ReceivedEvent::id).toArray(UUID[]::new);
        Set<UUID> claimed = new HashSet<>(jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement("""
                    insert into processed_event (consumer, event_id, processed_at)
                    select ?, id, ? from unnest(?) as id
                    on conflict do nothing
                    returning event_id
                    """);
                    statement.setString(1, consumer);
                    statement.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                    statement.setArray(3, connection.createArrayOf("uuid", ids));
                    return statement;
                },
                (row, index) -> row.getObject(1, UUID.class)));
        List<ReceivedEvent> fresh = new ArrayList<>(claimed.size());
        for (ReceivedEvent event : events) {
            if (claimed.remove(event.id())) {
                fresh.add(event);
            }
        }
        return fresh;
    }
}
