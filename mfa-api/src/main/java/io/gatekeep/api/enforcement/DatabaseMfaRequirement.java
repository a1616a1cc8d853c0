package io.gatekeep.api.enforcement;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Reads the requirement from the user's memberships (indexed by user), so the cost of a sign-in does not grow with
 * the size of the user's organizations.
 */
@Component
class DatabaseMfaRequirement implements MfaRequirement {

    private final DatabaseClient db;

    DatabaseMfaRequirement(DatabaseClient db) {
        this.db = db;
    }

    @Override
    public Mono<Boolean> isRequiredFor(UUID userId) {
        return db.sql("""
                        select exists (
                            select 1 from membership m join organization o on o.id = m.organization_id
                            where m.user_id = :userId and o.mfa_enforced)
                        """)
                .bind("userId", userId)
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one()
                .defaultIfEmpty(false);
    }
}
