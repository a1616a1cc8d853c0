package io.gatekeep.api.invitations;

import io.gatekeep.api.invitations.model.Invitation;
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

/** {@code invitation} over R2DBC. The API never writes {@code token_hash}: the worker does, with the email. */
@Component
public class Invitations {

    private static final String COLUMNS = """
            id, organization_id, user_id, email, role, manage_org_access, created_at, expires_at, accepted_at,
            declined_at""";

    private final DatabaseClient db;

    Invitations(DatabaseClient db) {
        this.db = db;
    }

    /** An open invitation as its organization's owners see it: no account data, only what the inviter typed. */
    public record OpenInvitation(Invitation invitation, UUID invitedBy) {}

    public Mono<Invitation> insert(Invitation invitation, UUID invitedBy) {
        return db.sql("""
                        insert into invitation (id, organization_id, user_id, email, role, manage_org_access,
                                                invited_by, created_at, expires_at)
                        values (:id, :organizationId, :userId, :email, :role, :manageOrgAccess, :invitedBy,
                                :createdAt, :expiresAt)
                        """)
                .bind("id", invitation.id())
                .bind("organizationId", invitation.organizationId())
                .bind("userId", invitation.userId())
                .bind("email", invitation.offer().email())
                .bind("role", invitation.offer().role().name())
                .bind("manageOrgAccess", invitation.offer().grants().contains(Permission.MANAGE_ORG_ACCESS))
                .bind("invitedBy", invitedBy)
                .bind("createdAt", invitation.createdAt())
                .bind("expiresAt", invitation.expiresAt())
                .fetch()
                .rowsUpdated()
                .thenReturn(invitation);
    }

    /** Finds and locks the invitation whose token hashes to {@code tokenHash}. */
    public Mono<Invitation> lockByTokenHash(byte[] tokenHash) {
        return db.sql("select " + COLUMNS + " from invitation where token_hash = :tokenHash for update")
                .bind("tokenHash", tokenHash)
                .map(Invitations::read)
                .one();
    }

    /** Open (unanswered) invitations of an organization, newest first; expired ones too, until cancelled. */
    public Flux<OpenInvitation> listOpen(UUID organizationId, int offset, int limit) {
        return db.sql("select " + COLUMNS + ", invited_by from invitation "
                        + "where organization_id = :organizationId and accepted_at is null and declined_at is null "
                        + "order by created_at desc, id offset :offset limit :limit")
                .bind("organizationId", organizationId)
                .bind("offset", offset)
                .bind("limit", limit)
                .map(row -> new OpenInvitation(read(row), row.get("invited_by", UUID.class)))
                .all();
    }

    public Mono<Void> markAccepted(Invitation invitation) {
        return db.sql("update invitation set accepted_at = :acceptedAt where id = :id and accepted_at is null")
                .bind("acceptedAt", invitation.acceptedAt())
                .bind("id", invitation.id())
                .fetch()
                .rowsUpdated()
                .then();
    }

    public Mono<Void> markDeclined(Invitation invitation) {
        return db.sql("update invitation set declined_at = :declinedAt where id = :id and declined_at is null")
                .bind("declinedAt", invitation.declinedAt())
                .bind("id", invitation.id())
                .fetch()
                .rowsUpdated()
                .then();
    }

    /** Withdraws one open invitation of an organization; empty when there is none with that id. */
    public Mono<Invitation> cancel(UUID organizationId, UUID invitationId) {
        return db.sql("delete from invitation where id = :id and organization_id = :organizationId "
                        + "and accepted_at is null and declined_at is null returning " + COLUMNS)
                .bind("id", invitationId)
                .bind("organizationId", organizationId)
                .map(Invitations::read)
                .one();
    }

    /**
     * Drops open invitations of a user to an organization: when the membership is removed, and when a new invitation
     * replaces an open one (whose token then stops working).
     */
    public Mono<Void> deletePending(UUID organizationId, UUID userId) {
        return db.sql("""
                        delete from invitation
                        where organization_id = :organizationId and user_id = :userId and accepted_at is null
                          and declined_at is null
                        """)
                .bind("organizationId", organizationId)
                .bind("userId", userId)
                .fetch()
                .rowsUpdated()
                .then();
    }

    private static Invitation read(Readable row) {
        Set<Permission> grants = Boolean.TRUE.equals(row.get("manage_org_access", Boolean.class))
                ? EnumSet.of(Permission.MANAGE_ORG_ACCESS)
                : Set.of();
        Invitation.Offer offer = new Invitation.Offer(
                row.get("email", String.class), Role.valueOf(row.get("role", String.class)), grants);
        return new Invitation(
                row.get("id", UUID.class),
                row.get("organization_id", UUID.class),
                row.get("user_id", UUID.class),
                offer,
                row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class),
                row.get("accepted_at", Instant.class),
                row.get("declined_at", Instant.class));
    }
}
