package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ApprovalToken;
import io.gatekeep.desk.tickets.OwnerReply.StoredToken;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/** Approval tokens, stored only as SHA-256 hashes, bound to ticket, approver and action. */
public class Tokens {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Tokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh token for this ticket's approver; the plain token is returned once, to be put in the email. */
    ApprovalToken issue(TicketRow ticket) {
        ApprovalToken token = ApprovalToken.generate(random);
        jdbc.update(
                """
                insert into desk_approval_token (token_hash, ticket_id, approver_user_id, approver_email, action,
                                                 created_at, expires_at)
                values (?, ?, ?, ?, 'MFA_RESET', ?, ?)""",
                token.hash(),
                ticket.id(),
                ticket.approverUserId(),
                ticket.approverEmail(),
                Tickets.ts(clock.instant()),
                Tickets.ts(ticket.expiresAt()));
        return token;
    }

    Optional<StoredToken> find(ApprovalToken token) {
        return jdbc
                .query(
                        """
                select ticket_id, approver_user_id, approver_email, action, created_at, expires_at, used_at
                from desk_approval_token where token_hash = ?""",
                        (rs, i) -> new StoredToken(
                                rs.getObject(1, UUID.class),
                                rs.getObject(2, UUID.class),
                                rs.getString(3),
                                rs.getString(4),
                                rs.getTimestamp(5).toInstant(),
                                rs.getTimestamp(6).toInstant(),
                                Optional.ofNullable(rs.getTimestamp(7)).map(Timestamp::toInstant)),
                        token.hash())
                .stream()
                .findFirst();
    }

    /** Ends every token of the ticket (used, superseded, or the ticket closed). */
    void retireAll(UUID ticketId) {
        Instant now = clock.instant();
        jdbc.update(
                "update desk_approval_token set used_at = ? where ticket_id = ? and used_at is null",
                Tickets.ts(now),
                ticketId);
    }
}
