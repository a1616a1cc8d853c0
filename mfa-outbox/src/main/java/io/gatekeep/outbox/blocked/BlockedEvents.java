package io.gatekeep.outbox.blocked;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The operator's view of {@code BLOCKED} outbox rows: list them, and release one or all back to {@code PENDING}, so
 * that the relay tries them again (attempts from zero, due now) once the cause is fixed.
 *
 * <p>Safe beside a running relay without its lock: each release is one statement that changes only rows still
 * {@code BLOCKED}. The relay reads only {@code PENDING} rows and sets {@code BLOCKED} only on a row it has just sent,
 * so no row in flight is touched; a row the relay is blocking at this very moment is either still {@code PENDING}
 * (left alone) or already {@code BLOCKED} (released), the row lock ordering the two updates.
 *
 * <p>A released event is published after the later events of its key, which went out while it was set aside.
 */
public class BlockedEvents {

    private static final Logger log = LoggerFactory.getLogger(BlockedEvents.class);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Runnable afterRelease;

    /** @param afterRelease run after rows were released (the local relay's wake-up call) */
    public BlockedEvents(DataSource dataSource, Clock clock, Runnable afterRelease) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.afterRelease = afterRelease;
    }

    /** The oldest {@code limit} blocked rows, in {@code seq} order, and how many there are in all. */
    public Listing list(int limit) {
        Instant now = clock.instant();
        long[] total = {0}; // counted by the same statement, so one scan of the table
        List<BlockedEvent> events = jdbc.query(
                """
                select seq, event_id, event_type, topic, partition_key, attempts, last_error, occurred_at,
                       count(*) over () as total
                from outbox_event
                where status = 'BLOCKED'
                order by seq
                limit ?
                """,
                (row, index) -> {
                    total[0] = row.getLong("total");
                    return BlockedEvent.of(
                            row.getLong("seq"),
                            row.getObject("event_id", UUID.class),
                            row.getString("event_type"),
                            row.getString("topic"),
                            row.getString("partition_key"),
                            row.getInt("attempts"),
                            row.getString("last_error"),
                            row.getObject("occurred_at", OffsetDateTime.class).toInstant(),
                            now);
                },
                limit);
        return new Listing(total[0], events);
    }

    /** @param total how many rows are blocked, listed or not */
    public record Listing(long total, List<BlockedEvent> events) {}

    /** Releases the event if it is blocked; returns whether it was. */
    public boolean release(UUID eventId) {
        return !released(jdbc.queryForList("""
                update outbox_event set status = 'PENDING', attempts = 0, next_attempt_at = ?
                where status = 'BLOCKED' and event_id = ?
                returning event_id
                """, UUID.class, now(), eventId)).isEmpty();
    }

    /** Releases every blocked event; returns their ids. */
    public List<UUID> releaseAll() {
        return released(jdbc.queryForList("""
                update outbox_event set status = 'PENDING', attempts = 0, next_attempt_at = ?
                where status = 'BLOCKED'
                returning event_id
                """, UUID.class, now()));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private List<UUID> released(List<UUID> eventIds) {
        if (!eventIds.isEmpty()) {
            log.warn("Released {} blocked outbox event(s) for the relay to try again: {}", eventIds.size(), eventIds);
            afterRelease.run();
        }
        return eventIds;
    }
}
