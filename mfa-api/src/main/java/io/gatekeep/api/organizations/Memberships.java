package io.gatekeep.api.organizations;

import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@code organization} and {@code membership} over R2DBC. Joins the caller's transaction when there is one. */
@Component
public class Memberships {

    private final DatabaseClient db;

    Memberships(DatabaseClient db) {
        this.db = db;
    }

    /** One organization as a user sees it in {@code GET /api/v1/me}. */
    public record OrganizationMembership(UUID organizationId, String organizationName, Member member) {}

    /** A member as listed to other members; {@code mfaEnabled}: the user has an active MFA credential. */
    public record MemberView(
            Member member, String email, String displayName, String status, Instant joinedAt, boolean mfaEnabled) {}

    /** Evaluated for the listed rows only: one probe of mfa_credential's partial unique index on user_id. */
    private static final String VIEW_COLUMNS = """
            m.organization_id, m.user_id, m.role, m.manage_org_access, m.created_at, u.email, u.display_name, u.status,
            exists (select 1 from mfa_credential c where c.user_id = m.user_id and c.revoked_at is null) as mfa_enabled
            """;

    public Mono<Void> createOrganization(UUID id, String name, Instant createdAt) {
        return db.sql("insert into organization (id, name, created_at) values (:id, :name, :createdAt)")
                .bind("id", id)
                .bind("name", name)
                .bind("createdAt", createdAt)
                .fetch()
                .rowsUpdated()
                .then();
    }

    /**
     * Locks the organization row until the transaction ends, serializing member changes (so two owners cannot
     * demote each other at once and leave none). Empty when the organization does not exist.
     */
    public Mono<UUID> lockOrganization(UUID organizationId) {
        return db.sql("select id from organization where id = :id for update")
                .bind("id", organizationId)
                .map(row -> row.get("id", UUID.class))
                .one();
    }

    public Mono<Member> find(UUID organizationId, UUID userId) {
        return db.sql("""
                        select organization_id, user_id, role, manage_org_access from membership
                        where organization_id = :organizationId and user_id = :userId
                        """)
                .bind("organizationId", organizationId)
                .bind("userId", userId)
                .map(Memberships::readMember)
                .one();
    }

    public Flux<OrganizationMembership> ofUser(UUID userId) {
        return db.sql("""
                        select m.organization_id, m.user_id, m.role, m.manage_org_access, o.name
                        from membership m join organization o on o.id = m.organization_id
                        where m.user_id = :userId order by o.name, o.id
                        """)
                .bind("userId", userId)
                .map(row -> new OrganizationMembership(
                        row.get("organization_id", UUID.class), row.get("name", String.class), readMember(row)))
                .all();
    }

    public Flux<MemberView> list(UUID organizationId, int offset, int limit) {
        return db.sql("""
                        select %s
                        from membership m join app_user u on u.id = m.user_id
                        where m.organization_id = :organizationId
                        order by lower(u.email), u.id
                        offset :offset limit :limit
                        """.formatted(VIEW_COLUMNS))
                .bind("organizationId", organizationId)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(Memberships::readView)
                .all();
    }

    public Mono<MemberView> view(UUID organizationId, UUID userId) {
        return db.sql("""
                        select %s
                        from membership m join app_user u on u.id = m.user_id
                        where m.organization_id = :organizationId and m.user_id = :userId
                        """.formatted(VIEW_COLUMNS))
                .bind("organizationId", organizationId)
                .bind("userId", userId)
                .map(Memberships::readView)
                .one();
    }

    public Mono<Long> count(UUID organizationId) {
        return db.sql("select count(*) as n from membership where organization_id = :organizationId")
                .bind("organizationId", organizationId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    public Mono<Long> countOwners(UUID organizationId) {
        return db.sql("select count(*) as n from membership where organization_id = :organizationId and role = 'OWNER'")
                .bind("organizationId", organizationId)
                .map(row -> row.get("n", Long.class))
                .one();
    }

    /** How a membership came to be: see the {@code membership.joined_via} column. */
    public enum JoinedVia {
        CREATED,
        INVITATION,
        ADDED
    }

    public Mono<Void> insert(Member member, Instant createdAt, JoinedVia joinedVia) {
        return db.sql("""
                        insert into membership (organization_id, user_id, role, manage_org_access, created_at,
                                                joined_via, role_since)
                        values (:organizationId, :userId, :role, :manageOrgAccess, :createdAt, :joinedVia, :createdAt)
                        """)
                .bind("organizationId", member.organizationId())
                .bind("userId", member.userId())
                .bind("role", member.role().name())
                .bind("manageOrgAccess", member.grants().contains(Permission.MANAGE_ORG_ACCESS))
                .bind("createdAt", createdAt)
                .bind("joinedVia", joinedVia.name())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** A changed role restarts {@code role_since} (the desk counts an owner's age from it). */
    public Mono<Void> update(Member member, Instant now) {
        return db.sql("""
                        update membership set role = :role, manage_org_access = :manageOrgAccess,
                               role_since = case when role = :role then role_since else :now end
                        where organization_id = :organizationId and user_id = :userId
                        """)
                .bind("now", now)
                .bind("organizationId", member.organizationId())
                .bind("userId", member.userId())
                .bind("role", member.role().name())
                .bind("manageOrgAccess", member.grants().contains(Permission.MANAGE_ORG_ACCESS))
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Void> delete(UUID organizationId, UUID userId) {
        return db.sql("delete from membership where organization_id = :organizationId and user_id = :userId")
                .bind("organizationId", organizationId)
                .bind("userId", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static MemberView readView(Readable row) {
        return new MemberView(
                readMember(row),
                row.get("email", String.class),
                row.get("display_name", String.class),
                row.get("status", String.class),
                row.get("created_at", Instant.class),
                Boolean.TRUE.equals(row.get("mfa_enabled", Boolean.class)));
    }

    static Member readMember(Readable row) {
        Set<Permission> grants = Boolean.TRUE.equals(row.get("manage_org_access", Boolean.class))
                ? EnumSet.of(Permission.MANAGE_ORG_ACCESS)
                : Set.of();
        return new Member(
                row.get("organization_id", UUID.class),
                row.get("user_id", UUID.class),
                Role.valueOf(row.get("role", String.class)),
                grants);
    }
}
