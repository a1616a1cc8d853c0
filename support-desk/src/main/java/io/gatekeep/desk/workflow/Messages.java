package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.Check;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

/** The {@code desk_message} rows: the thread of a ticket, both directions, with every check's outcome. */
public class Messages {

    private static final int MAX_BODY_CHARS = 64 * 1024;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public Messages(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** An inbound message as it will be recorded. */
    public record Inbound(String dedupeKey, String messageId, String from, String subject, String body) {}

    /**
     * Serialises work on one dedupe key across desk instances (a transaction-scoped advisory lock) and says whether
     * the message was recorded before: a redelivered message is then skipped.
     */
    public boolean alreadyRecorded(String dedupeKey) {
        jdbc.queryForObject("select pg_advisory_xact_lock(hashtextextended(?, 7))", Object.class, dedupeKey);
        return jdbc.queryForObject("select count(*) from desk_message where dedupe_key = ?", Integer.class, dedupeKey)
                > 0;
    }

    public void recordInbound(UUID ticketId, Inbound message, String kind, List<Check> checks) {
        String body = message.body() == null
                ? null
                : message.body().length() > MAX_BODY_CHARS
                        ? message.body().substring(0, MAX_BODY_CHARS)
                        : message.body();
        jdbc.update(
                """
                insert into desk_message (id, ticket_id, direction, dedupe_key, message_id, from_address, subject,
                                          body_text, kind, checks, created_at)
                values (?, ?, 'IN', ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?)""",
                UUID.randomUUID(),
                ticketId,
                message.dedupeKey(),
                message.messageId(),
                message.from(),
                message.subject(),
                body,
                kind,
                json.writeValueAsString(checks),
                Tickets.ts(clock.instant()));
    }

    /** Records desk mail; {@code messageId} null when it carries a token. */
    void recordOutbound(
            UUID ticketId,
            String causeKey,
            String messageId,
            String recipient,
            String subject,
            String body,
            String kind,
            boolean answer) {
        jdbc.update(
                """
                insert into desk_message (id, ticket_id, direction, dedupe_key, message_id, recipient, subject,
                                          body_text, kind, answer, created_at)
                values (?, ?, 'OUT', ?, ?, ?, ?, ?, ?, ?, ?)""",
                UUID.randomUUID(),
                ticketId,
                "out:" + causeKey,
                messageId,
                recipient,
                subject,
                body,
                kind,
                answer,
                Tickets.ts(clock.instant()));
    }

    int answersSince(String recipient, Duration window) {
        return jdbc.queryForObject(
                """
                select count(*) from desk_message where answer and recipient = ? and created_at > ?""", Integer.class, recipient, Tickets.ts(clock.instant().minus(window)));
    }

    int outboundCount(UUID ticketId, String kind) {
        return jdbc.queryForObject(
                "select count(*) from desk_message where ticket_id = ? and direction = 'OUT' and kind = ?",
                Integer.class,
                ticketId,
                kind);
    }
}
