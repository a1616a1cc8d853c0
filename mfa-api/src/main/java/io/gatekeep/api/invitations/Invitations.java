package io.gatekeep.api.invitations;

import io.gatekeep.api.invitations.model.Invitation;
import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** {@code invitation} over R2DBC. The API never writes {@code token_hash}: the worker does, with the email. */
@Component
public class Invitations {

    private static final String COLUMNS = "id, organization_id, user_id, created_at, expires_at, accepted_at";

    private final DatabaseClient db;

    Invitations(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Invitation> insert(Invitation invitation, UUID invitedBy) {
        return db.sql("""
                        insert into invitation (id, organization_id, user_id, invited_by, created_at, expires_at)
                        values (:id, :organizationId, :userId, :invitedBy, :createdAt, :expiresAt)
                        """)
                .bind("id", invitation.id())
                .bind("organizationId", invitation.organizationId())
                .bind("userId", invitation.userId())
                .bind("invitedBy", invitedBy)
                .bind("createdAt", invitation.createdAt())
                .bind("expiresAt", invitation.expiresAt())
                .fetch().rowsUpdated().thenReturn(invitation);
    }

    /** Finds and locks the invitation whose token hashes to {@code tokenHash}. */
    public Mono<Invitation> lockByTokenHash(byte[] tokenHash) {
        return db.sql("select " + COLUMNS + " from invitation where token_hash = :tokenHash for update")
                .bind("tokenHash", tokenHash)
                .map(Invitations::read)
                .one();
    }

    public Mono<Void> markAccepted(Invitation invitation) {
        return db.sql("update invitation set accepted_at = :acceptedAt where id = :id and accepted_at is null")
                .bind("acceptedAt", invitation.acceptedAt())
                .bind("id", invitation.id())
                .fetch().rowsUpdated().then();
    }

    /** Drops open invitations of a user to an organization (when the membership is removed). */
    public Mono<Void> deletePending(UUID organizationId, UUID userId) {
        return db.sql("""
                        delete from invitation
                        where organization_id = :organizationId and user_id = :userId and accepted_at is null
                        """)
                .bind("organizationId", organizationId)
                .bind("userId", userId)
                .fetch().rowsUpdated().then();
    }

    private static Invitation read(Readable row) {
        return new Invitation(row.get("id", UUID.class), row.get("organization_id", UUID.class),
                row.get("user_id", UUID.class), row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class), row.get("accepted_at", Instant.class));
    }
}
