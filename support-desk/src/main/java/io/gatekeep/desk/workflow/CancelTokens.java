package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ApprovalToken;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Cancel links of approved resets ({@code desk_cancel_token}): 160 random bits in the same form as approval tokens,
 * one per recipient, stored only as SHA-256, single use, valid until the reset time.
 */
public class CancelTokens {

    /** A stored cancel token. */
    record Stored(UUID ticketId, String recipient, Instant expiresAt, Optional<Instant> usedAt) {}

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public CancelTokens(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A fresh token for {@code recipient}; the plain token is returned once, to be put in the link. */
    ApprovalToken issue(UUID ticketId, String recipient, Instant expiresAt) {
        ApprovalToken token = ApprovalToken.generate(random);
        jdbc.update("""
                insert into desk_cancel_token (token_hash, ticket_id, recipient, created_at, expires_at)
                values (?, ?, ?, ?, ?)""", token.hash(), ticketId, recipient, Timestamp.from(clock.instant()), Timestamp.from(expiresAt));
        return token;
    }

    Optional<Stored> find(ApprovalToken token) {
        return jdbc
                .query(
                        """
                select ticket_id, recipient, expires_at, used_at from desk_cancel_token where token_hash = ?""",
                        (rs, i) -> new Stored(
                                rs.getObject(1, UUID.class),
                                rs.getString(2),
                                rs.getTimestamp(3).toInstant(),
                                Optional.ofNullable(rs.getTimestamp(4)).map(Timestamp::toInstant)),
                        token.hash())
                .stream()
                .findFirst();
    }

    /** Everyone a cancel link went to for this ticket, in the order they were issued. */
    List<String> recipients(UUID ticketId) {
        return jdbc.queryForList("""
                select recipient from desk_cancel_token where ticket_id = ? group by recipient
                order by min(created_at), recipient""", String.class, ticketId);
    }

    /** Ends every cancel link of the ticket (one was used, the ticket was cancelled, or its reset was released). */
    void retireAll(UUID ticketId) {
        jdbc.update(
                "update desk_cancel_token set used_at = ? where ticket_id = ? and used_at is null",
                Timestamp.from(clock.instant()),
                ticketId);
    }
}
