package io.gatekeep.desk.resolution;

import io.gatekeep.desk.workflow.Resolutions;
import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventPayload;
import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaResetNotNeeded;
import io.gatekeep.events.mfa.MfaResetRefused;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Consumes the {@code recovery} topic in the desk's own group ({@code support-desk}): a support reset's
 * {@code MfaDisabled} or {@code MfaResetNotNeeded} resolves its ticket; {@code MfaResetRefused} hands it back to an agent. Idempotent: {@code processed_event}
 * (consumer {@code support-desk}) is written in the same transaction as the effect. Other event types are skipped
 * without a record.
 */
class ResetOutcomeListener {

    static final String CONSUMER = "support-desk";

    private final EventCodec codec;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final Resolutions resolutions;
    private final Clock clock;

    ResetOutcomeListener(EventCodec codec, JdbcTemplate jdbc, TransactionTemplate transaction, Resolutions resolutions,
                         Clock clock) {
        this.codec = codec;
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.resolutions = resolutions;
        this.clock = clock;
    }

    @KafkaListener(id = "support-desk-reset-outcomes", idIsGroup = false, topics = "#{@recoveryTopic}")
    void onRecord(ConsumerRecord<byte[], byte[]> record) {
        String type = header(record, CloudEventHeaders.TYPE);
        if (!EventType.MFA_DISABLED.type().equals(type) && !EventType.MFA_RESET_NOT_NEEDED.type().equals(type)
                && !EventType.MFA_RESET_REFUSED.type().equals(type)) {
            return;
        }
        UUID eventId = UUID.fromString(header(record, CloudEventHeaders.ID));
        EventPayload payload = codec.read(type, new String(record.value(), StandardCharsets.UTF_8));
        UUID ticketId = payload instanceof MfaDisabled disabled ? disabled.ticketId()
                : payload instanceof MfaResetRefused refused ? refused.ticketId()
                : ((MfaResetNotNeeded) payload).ticketId();
        if (ticketId == null) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            int claimed = jdbc.update("""
                    insert into processed_event (consumer, event_id, processed_at) values (?, ?, ?)
                    on conflict do nothing""", CONSUMER, eventId, Timestamp.from(clock.instant()));
            if (claimed == 1 && payload instanceof MfaResetRefused refused) {
                resolutions.resetRefused(ticketId, refused.reason());
            } else if (claimed == 1) {
                resolutions.resetApplied(ticketId, payload instanceof MfaDisabled);
            }
        });
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
