package io.gatekeep.worker.audit;

import io.gatekeep.events.EventType;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records every event where {@link AuditScope} says: an organization's audit ({@code organization_id} set) or the
 * account's security log ({@code organization_id} null, {@code user_id} the account), plus the compliance facts'
 * copies in the organizations the user had joined when it happened. The unique {@code (event_id, organization_id)}
 * index keeps this idempotent.
 */
@Component
class AuditTrail implements EventHandler {

    /**
     * One statement for a whole batch: each event's own entry, then the compliance facts' copies, one per membership
     * that existed when the event happened, stripped of client IP and session.
     */
    private static final String INSERT = """
            with e (event_id, org, usr, actor, action, ip, occurred_at, details, redact, fact) as (
                select * from unnest(cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]), cast(? as uuid[]),
                                     cast(? as text[]), cast(? as text[]), cast(? as timestamptz[]),
                                     cast(? as text[]), cast(? as boolean[]), cast(? as boolean[])))
            insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                     occurred_at, recorded_at, details)
            select e.event_id, e.org, e.usr, e.actor, e.action, case when e.redact then null else e.ip end,
                   e.occurred_at, ?, case when e.redact then cast(e.details as jsonb) - 'clientIp' - 'sessionId'
                                          else cast(e.details as jsonb) end
            from e
            union all
            select e.event_id, m.organization_id, e.usr, e.actor, e.action, null, e.occurred_at, ?,
                   cast(e.details as jsonb) - 'clientIp' - 'sessionId'
            from e join membership m on m.user_id = e.usr and m.created_at <= e.occurred_at
            where e.fact
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
    public void handleAll(List<ReceivedEvent> all) {
        List<ReceivedEvent> events = all.stream()
                .filter(event -> AuditScope.isRecorded(event.payload()))
                .toList();
        if (events.isEmpty()) {
            return;
        }
        OffsetDateTime recordedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        jdbc.update(connection -> {
            PreparedStatement statement = connection.prepareStatement(INSERT);
            statement.setArray(1, connection.createArrayOf("uuid", column(events, ReceivedEvent::id)));
            statement.setArray(2, connection.createArrayOf("uuid", column(events, AuditTrail::organization)));
            statement.setArray(
                    3, connection.createArrayOf("uuid", column(events, e -> AuditScope.userIdOf(e.payload()))));
            statement.setArray(
                    4, connection.createArrayOf("uuid", column(events, e -> AuditScope.actorUserIdOf(e.payload()))));
            statement.setArray(
                    5,
                    connection.createArrayOf(
                            "text", column(events, e -> e.type().action())));
            statement.setArray(
                    6, connection.createArrayOf("text", column(events, e -> AuditScope.clientIpOf(e.payload()))));
            statement.setArray(
                    7,
                    connection.createArrayOf(
                            "timestamptz",
                            column(events, e -> e.envelope().time().toString())));
            statement.setArray(
                    8,
                    connection.createArrayOf(
                            "text", column(events, e -> e.envelope().data())));
            statement.setArray(9, connection.createArrayOf("boolean", column(events, AuditTrail::redacted)));
            statement.setArray(
                    10,
                    connection.createArrayOf("boolean", column(events, e -> AuditScope.isComplianceFact(e.type()))));
            statement.setObject(11, recordedAt);
            statement.setObject(12, recordedAt);
            return statement;
        });
    }

    private static Object organization(ReceivedEvent event) {
        return AuditScope.organizationOf(event.type(), event.payload());
    }

    /** An organization's entry of a person's own act loses the client IP; the account's own log keeps it. */
    private static Object redacted(ReceivedEvent event) {
        return organization(event) != null && !AuditScope.organizationSeesClientIp(event.payload());
    }

    private static Object[] column(List<ReceivedEvent> events, Function<ReceivedEvent, Object> value) {
        return events.stream().map(value).toArray();
    }
}
