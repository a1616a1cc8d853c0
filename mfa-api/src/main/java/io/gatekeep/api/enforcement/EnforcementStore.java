package io.gatekeep.api.enforcement;

import io.gatekeep.api.enforcement.model.EnforcementSetting;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The enforcement columns of {@code organization} and the compliance queries, over R2DBC (joining the caller's
 * transaction). Every query is bounded by an index: the setting is one row; the compliance counts read the
 * organization's range of the membership primary key once, probing the partial unique index of active credentials;
 * the list of members without MFA walks that range in user-id order and stops after one page.
 */
@Component
class EnforcementStore {

    private static final UUID BEFORE_ALL = new UUID(0, 0);
    private static final String SETTING = """
            select mfa_enforced, revoke_non_compliant_sessions, mfa_enforcement_changed_at, mfa_enforcement_changed_by
            from organization where id = :id""";

    private final DatabaseClient db;

    EnforcementStore(DatabaseClient db) {
        this.db = db;
    }

    /** How the actor's MFA stands: credential enabled (null when MFA is off) and the current session's MFA pass. */
    record ActorMfa(Instant credentialEnabledAt, Instant sessionMfaVerifiedAt, boolean sessionViaRecoveryCode) {}

    record ComplianceCounts(long members, long withMfa) {}

    record MemberWithoutMfa(
            UUID userId, String email, String displayName, String status, String role, Instant joinedAt) {}

    Mono<EnforcementSetting> find(UUID organizationId) {
        return db.sql(SETTING)
                .bind("id", organizationId)
                .map(EnforcementStore::readSetting)
                .one();
    }

    /** The setting, locked until the transaction ends (so two toggles serialize and the second sees the first). */
    Mono<EnforcementSetting> lock(UUID organizationId) {
        return db.sql(SETTING + " for update")
                .bind("id", organizationId)
                .map(EnforcementStore::readSetting)
                .one();
    }

    Mono<Void> save(UUID organizationId, EnforcementSetting setting) {
        DatabaseClient.GenericExecuteSpec spec = db.sql("""
                        update organization set mfa_enforced = :enforced, revoke_non_compliant_sessions = :revoke,
                               mfa_enforcement_changed_at = :changedAt, mfa_enforcement_changed_by = :changedBy
                        where id = :id""")
                .bind("id", organizationId)
                .bind("enforced", setting.enforced())
                .bind("revoke", setting.revokeNonCompliantSessions());
        spec = setting.changedAt() == null
                ? spec.bindNull("changedAt", Instant.class)
                : spec.bind("changedAt", setting.changedAt());
        spec = setting.changedBy() == null
                ? spec.bindNull("changedBy", UUID.class)
                : spec.bind("changedBy", setting.changedBy());
        return spec.fetch().rowsUpdated().then();
    }

    Mono<ActorMfa> actorMfa(UUID sessionId, UUID userId) {
        return db.sql("""
                        select c.enabled_at, s.mfa_verified_at, s.via_recovery_code
                        from auth_session s
                        left join mfa_credential c on c.user_id = s.user_id and c.revoked_at is null
                        where s.id = :sessionId and s.user_id = :userId""")
                .bind("sessionId", sessionId)
                .bind("userId", userId)
                .map(row -> new ActorMfa(
                        row.get("enabled_at", Instant.class),
                        row.get("mfa_verified_at", Instant.class),
                        Boolean.TRUE.equals(row.get("via_recovery_code", Boolean.class))))
                .one();
    }

    Mono<ComplianceCounts> counts(UUID organizationId) {
        return db.sql("""
                        select count(*) as members, count(c.user_id) as with_mfa
                        from membership m
                        left join mfa_credential c on c.user_id = m.user_id and c.revoked_at is null
                        where m.organization_id = :organizationId""")
                .bind("organizationId", organizationId)
                .map(row -> new ComplianceCounts(row.get("members", Long.class), row.get("with_mfa", Long.class)))
                .one();
    }

    /** Members without an active credential whose user id follows {@code after} (null: from the start). */
    Flux<MemberWithoutMfa> withoutMfa(UUID organizationId, UUID after, int limit) {
        return db.sql("""
                        select m.user_id, m.role, m.created_at, u.email, u.display_name, u.status
                        from membership m join app_user u on u.id = m.user_id
                        where m.organization_id = :organizationId and m.user_id > :after
                          and not exists (select 1 from mfa_credential c
                                          where c.user_id = m.user_id and c.revoked_at is null)
                        order by m.user_id
                        limit :limit""")
                .bind("organizationId", organizationId)
                .bind("after", after == null ? BEFORE_ALL : after)
                .bind("limit", limit)
                .map(row -> new MemberWithoutMfa(
                        row.get("user_id", UUID.class),
                        row.get("email", String.class),
                        row.get("display_name", String.class),
                        row.get("status", String.class),
                        row.get("role", String.class),
                        row.get("created_at", Instant.class)))
                .all();
    }

    private static EnforcementSetting readSetting(Readable row) {
        return new EnforcementSetting(
                Boolean.TRUE.equals(row.get("mfa_enforced", Boolean.class)),
                Boolean.TRUE.equals(row.get("revoke_non_compliant_sessions", Boolean.class)),
                row.get("mfa_enforcement_changed_at", Instant.class),
                row.get("mfa_enforcement_changed_by", UUID.class));
    }
}
