package io.gatekeep.worker.audit;

import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.worker.consuming.EventHandler;
import io.gatekeep.worker.consuming.ReceivedEvent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

    private static final String INSERT = """
            with e (org, usr) as (values (cast(? as uuid), cast(? as uuid)))
            insert into audit_entry (event_id, organization_id, user_id, actor_user_id, action, client_ip,
                                     occurred_at, recorded_at, details)
            select ?, target.org, ?, ?, ?, ?, ?, ?, cast(? as jsonb)
            from (select e.org from e where e.org is not null
                  union all
                  select m.organization_id from e join membership m on m.user_id = e.usr where e.org is null
                  union all
                  select null from e
                  where e.org is null and not exists (select 1 from membership m where m.user_id = e.usr)) target
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
        jdbc.batchUpdate(INSERT, events, events.size(), (statement, event) -> {
            EventPayload payload = event.payload();
            statement.setObject(1, payload.organizationId());
            statement.setObject(2, payload.userId());
            statement.setObject(3, event.id());
            statement.setObject(4, payload.userId());
            statement.setObject(5, payload.actorUserId());
            statement.setString(6, event.type().action());
            statement.setString(7, payload.clientIp());
            statement.setObject(8, OffsetDateTime.ofInstant(event.envelope().time(), ZoneOffset.UTC));
            statement.setObject(9, recordedAt);
            statement.setString(10, event.envelope().data());
        });
    }
}
