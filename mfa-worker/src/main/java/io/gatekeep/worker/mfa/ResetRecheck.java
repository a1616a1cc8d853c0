package io.gatekeep.worker.mfa;

import static io.gatekeep.events.mfa.MfaResetRefused.Reason.APPROVER_NOT_ELIGIBLE;
import static io.gatekeep.events.mfa.MfaResetRefused.Reason.NOT_DUE_YET;
import static io.gatekeep.events.mfa.MfaResetRefused.Reason.REQUESTER_NOT_ELIGIBLE;
import static io.gatekeep.events.mfa.MfaResetRefused.Reason.TICKET_MISMATCH;
import static io.gatekeep.events.mfa.MfaResetRefused.Reason.TICKET_NOT_APPROVED;

import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.events.support.MfaResetApproved;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Before a support reset touches credentials, the system of record is asked again, in the handler's transaction: the
 * ticket is still {@code APPROVED} (not cancelled, not sent back to an agent), released by the desk and due, and names
 * the same user, organization and approver as the event; the approver still holds the role that let them approve
 * (an owner, or for a {@code MANAGER} ticket a member who manages access) for at least the minimum age; and the
 * requester is still a member who created the organization or joined it by accepting an invitation, for at least as
 * long. The ticket row is read {@code FOR SHARE}, so a cancellation committing meanwhile waits for this decision or
 * is seen by it. The answer is the reason of the first failing check, or empty.
 */
class ResetRecheck {

    private final JdbcTemplate jdbc;
    private final Duration minMembershipAge;

    ResetRecheck(JdbcTemplate jdbc, Duration minMembershipAge) {
        this.jdbc = jdbc;
        this.minMembershipAge = minMembershipAge;
    }

    Optional<MfaResetRefused.Reason> refusal(MfaResetApproved approved, Instant now) {
        List<Map<String, Object>> rows = jdbc.queryForList("""
                select status, user_id, organization_id, approver_user_id, approver_role, reset_at, reset_released_at
                from desk_ticket where id = ? for share""", approved.ticketId());
        if (rows.isEmpty() || !"APPROVED".equals(rows.get(0).get("status"))) {
            return Optional.of(TICKET_NOT_APPROVED);
        }
        Map<String, Object> ticket = rows.get(0);
        if (!approved.userId().equals(ticket.get("user_id"))
                || !approved.organizationId().equals(ticket.get("organization_id"))
                || approved.approverUserId() == null
                || !approved.approverUserId().equals(ticket.get("approver_user_id"))) {
            return Optional.of(TICKET_MISMATCH);
        }
        Instant resetAt = instant(ticket.get("reset_at"));
        if (ticket.get("reset_released_at") == null || resetAt == null || now.isBefore(resetAt)) {
            return Optional.of(NOT_DUE_YET);
        }
        Timestamp oldEnough = Timestamp.from(now.minus(minMembershipAge));
        boolean manager = "MANAGER".equals(ticket.get("approver_role"));
        Integer approver = jdbc.queryForObject(
                """
                select count(*) from membership m join app_user u on u.id = m.user_id
                where m.organization_id = ? and m.user_id = ? and u.status = 'ACTIVE' and m.role_since <= ?
                  and (m.role = 'OWNER' or (? and m.manage_org_access))""", Integer.class, approved.organizationId(), approved.approverUserId(), oldEnough, manager);
        if (approver == null || approver == 0) {
            return Optional.of(APPROVER_NOT_ELIGIBLE);
        }
        Integer requester =
                jdbc.queryForObject("""
                select count(*) from membership
                where organization_id = ? and user_id = ? and joined_via in ('CREATED', 'INVITATION')
                  and created_at <= ?""", Integer.class, approved.organizationId(), approved.userId(), oldEnough);
        return requester == null || requester == 0 ? Optional.of(REQUESTER_NOT_ELIGIBLE) : Optional.empty();
    }

    private static Instant instant(Object value) {
        return value instanceof Timestamp ts
                ? ts.toInstant()
                : value instanceof java.time.OffsetDateTime odt ? odt.toInstant() : null;
    }
}
