package io.gatekeep.worker.audit;

import io.gatekeep.events.EventType;
import io.gatekeep.worker.consuming.EventHandler;
import io.gatekeep.worker.consuming.ReceivedEvent;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records every event in the audit trail. An event that names its organization gives one entry; a user-level event
 * (no organization, e.g. a sign-in) gives one entry per organization the user belongs to when it is recorded, so each
 * organization's owners see it, or one entry without organization for a user with none. The unique
 * {@code (event_id, organization_id)} index keeps this idempotent too.
 */
@Component
class AuditTrail implements EventHandler {

    /**
     * One statement for a whole batch. The left join yields, per event: the event's own organization (the join never
     * matches then), or one row per membership of its user, or a single row without organization.
     */
    private static final String INSERT = """
            insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                     occurred_at, recorded_at, details)
            select e.event_id, coalesce(e.org, m.organization_id), e.usr, e.actor, e.action, e.ip, e.occurred_at, ?,
                   cast(e.details as jsonb)
            from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]),
                        cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]), cast(? as text[]))
                     as e (event_id, org, usr, actor, action, ip, occurred_at, details)
            left join membership m on e.org is null and m.user_id = e.usr
            on conflict do nothing
            """;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    AuditTrail(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public boolean handles(EventType type) {
        return true;
    }

    @Override
    public void handle(ReceivedEvent event) {
        handleAll(List.of(event));
    }

    @Override
    public void handleAll(List<ReceivedEvent> events) {
        OffsetDateTime recordedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            statement.setObject(1, recordedAt);
            statement.setArray(2, connection.createArrayOf("uuid", column(events, ReceivedEvent::id)));
            statement.setArray(3, connection.createArrayOf("uuid", column(events, e -> e.payload().organizationId())));
            statement.setArray(4, connection.createArrayOf("uuid", column(events, e -> e.payload().userId())));
            statement.setArray(5, connection.createArrayOf("uuid", column(events, e -> e.payload().actorUserId())));
            statement.setArray(6, connection.createArrayOf("text", column(events, e -> e.type().action())));
            statement.setArray(7, connection.createArrayOf("text", column(events, e -> e.payload().clientIp())));
            statement.setArray(8, connection.createArrayOf("timestamptz",
                    column(events, e -> e.envelope().time().toString())));
            statement.setArray(9, connection.createArrayOf("text", column(events, e -> e.envelope().data())));
            return statement;
        });
    }

    private static Object[] column(List<ReceivedEvent> events, Function<ReceivedEvent, Object> value) {
        return events.stream().map(value).toArray();
    }
}
