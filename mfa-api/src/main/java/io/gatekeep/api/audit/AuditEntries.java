package io.gatekeep.api.audit;

import io.gatekeep.api.audit.AuditController.AuditEntryResponse;
import io.gatekeep.api.audit.model.AuditCursor;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code audit_entry} newest first: an organization's audit along the (organization_id, occurred_at desc, id
 * desc) index, an account's security log (its rows without organization) along (user_id, occurred_at desc, id desc).
 */
@Component
class AuditEntries {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final DatabaseClient db;
    private final JsonMapper json;

    AuditEntries(DatabaseClient db, JsonMapper json) {
        this.db = db;
        this.json = json;
    }

    Flux<AuditEntryResponse> page(UUID organizationId, AuditCursor after, int limit) {
        return select("organization_id = :owner", organizationId, after, limit);
    }

    /** The account's own security log: its account-level events, recorded without organization. */
    Flux<AuditEntryResponse> securityLog(UUID userId, AuditCursor after, int limit) {
        return select("organization_id is null and user_id = :owner", userId, after, limit);
    }

    private Flux<AuditEntryResponse> select(String ownerCondition, UUID owner, AuditCursor after, int limit) {
        String sql = """
                select id, event_id, action, organization_id, user_id, actor_user_id, client_ip, occurred_at,
                       recorded_at, details::text as details
                from audit_entry where\s""" + ownerCondition + (after == null ? "" : " and (occurred_at, id) < (:occurredAt, :id)") + """
                 order by occurred_at desc, id desc limit :limit
                """;
        DatabaseClient.GenericExecuteSpec spec =
                db.sql(sql).bind("owner", owner).bind("limit", limit);
        if (after != null) {
            spec = spec.bind("occurredAt", after.occurredAt()).bind("id", after.id());
        }
        return spec.map(row -> new AuditEntryResponse(
                        row.get("id", Long.class),
                        row.get("event_id", UUID.class),
                        row.get("action", String.class),
                        row.get("organization_id", UUID.class),
                        row.get("user_id", UUID.class),
                        row.get("actor_user_id", UUID.class),
                        row.get("client_ip", String.class),
                        row.get("occurred_at", Instant.class),
                        row.get("recorded_at", Instant.class),
                        json.readValue(row.get("details", String.class), MAP)))
                .all();
    }
}
