package io.gatekeep.worker.mfa;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the desk's side of a support reset (the worker only reads it), and ages memberships: the rows the desk and
 * mfa-api would have written for the situations the re-check tests need.
 */
final class DeskTickets {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    DeskTickets(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An owner-approved ticket whose delay has passed and which the desk released: what the worker expects. */
    UUID approvedAndDue(String reference, UUID user, UUID organization, UUID approver) {
        UUID id = UUID.randomUUID();
        // one open ticket per requester address (the desk's rule, held by a unique index): an address per ticket
        String requester = "lost-" + id + "@example.test";
        jdbc.update(
                """
                insert into desk_ticket (id, reference, status, status_reason, requester_address, user_id,
                                         requester_email, requester_name, organization_id, organization_name,
                                         approver_user_id, approver_email, approver_name, approver_role,
                                         owner_confirmed_at, created_at, updated_at, expires_at, approved_at, reset_at,
                                         reset_released_at, approved_via)
                values (?, ?, 'APPROVED', 'OWNER_REPLY_APPROVED', ?, ?, ?, 'Lost',
                        ?, 'Org', ?, 'owner@example.test', 'Owner', 'OWNER', ?, ?, ?, ?, ?, ?, ?, 'OWNER_REPLY')""",
                id,
                reference,
                requester,
                user,
                requester,
                organization,
                approver,
                at(-25),
                at(-26),
                at(0),
                at(46),
                at(-25),
                at(-1),
                at(0));
        return id;
    }

    void status(UUID ticket, String status) {
        jdbc.update("update desk_ticket set status = ? where id = ?", status, ticket);
    }

    void notReleased(UUID ticket) {
        jdbc.update("update desk_ticket set reset_released_at = null, reset_at = ? where id = ?", at(1), ticket);
    }

    /** The membership was made {@code via} (CREATED, INVITATION, ADDED) 30 days ago, its role held as long. */
    void agedMember(UUID organization, UUID user, String via) {
        jdbc.update("""
                update membership set joined_via = ?, created_at = ?, role_since = ?
                where organization_id = ? and user_id = ?""", via, at(-24 * 30), at(-24 * 30), organization, user);
    }

    private OffsetDateTime at(long hoursFromNow) {
        return OffsetDateTime.ofInstant(clock.instant().plus(Duration.ofHours(hoursFromNow)), ZoneOffset.UTC);
    }
}
