package io.gatekeep.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.outbox.blocked.BlockedEvent;
import io.gatekeep.outbox.blocked.BlockedEvents;
import io.gatekeep.outbox.blocked.OutboxEndpoint;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An operator lists the events the relay set aside and releases them, against real PostgreSQL and Kafka. */
class BlockedEventsIntegrationTest {

    /** Kafka refuses a request this large from a relay so configured: its events are set aside, never retried. */
    private static final int SMALL_REQUESTS = 4_000;

    private final OutboxFixture outbox = new OutboxFixture();
    private final OutboxEndpoint endpoint =
            new OutboxEndpoint(new BlockedEvents(outbox.dataSource, outbox.clock, () -> {}));

    @AfterEach
    void close() {
        outbox.close();
    }

    @Test
    void listsAnEventTheRelaySetAsideAndPublishesItOnceReleased() throws Exception {
        UUID user = UUID.randomUUID();
        EventEnvelope large = outbox.commit(largeSignIn(user)).get(0);
        OutboxRelay smallRequests = outbox.relayWith(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, SMALL_REQUESTS));
        smallRequests.publishPending();
        assertThat(outbox.status(large)).isEqualTo("BLOCKED");
        outbox.clock.advance(Duration.ofHours(26));

        assertThat(endpoint.blocked().total()).isEqualTo(1);
        BlockedEvent listed = endpoint.blocked().events().get(0);
        assertThat(listed.eventId()).isEqualTo(large.id());
        assertThat(listed.type()).isEqualTo("io.gatekeep.account.signed-in");
        assertThat(listed.topic()).isEqualTo("account");
        assertThat(listed.key()).isEqualTo(user.toString());
        assertThat(listed.attempts()).isEqualTo(1);
        assertThat(listed.lastError()).startsWith("RecordTooLargeException");
        assertThat(listed.occurredAt()).isEqualTo(OutboxFixture.START);
        assertThat(listed.age()).isEqualTo("PT26H");

        // The cause is fixed (here: a relay whose producer takes large requests), then the event is released.
        assertThat(endpoint.release(large.id()).released()).containsExactly(large.id());
        assertThat(outbox.status(large)).isEqualTo("PENDING");
        assertThat(endpoint.blocked().total()).isZero();
        assertThat(outbox.relay().publishPending().published()).isEqualTo(1);

        assertThat(outbox.status(large)).isEqualTo("PUBLISHED");
        assertThat(outbox.records(Topic.ACCOUNT, 1, Duration.ofSeconds(10)))
                .extracting(record ->
                        new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .containsExactly(large.id().toString());
    }

    @Test
    void releasesOnlyBlockedEventsWhileARelayHoldsTheLockAndThatRelayPublishesThem() throws Exception {
        EventEnvelope large = outbox.commit(largeSignIn(UUID.randomUUID())).get(0);
        EventEnvelope published =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);
        OutboxRelay smallRequests = outbox.relayWith(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, SMALL_REQUESTS));
        smallRequests.publishPending(); // stops at the refused event, leaving the next one for the next round
        smallRequests.publishPending();
        assertThat(List.of(outbox.status(large), outbox.status(published))).containsExactly("BLOCKED", "PUBLISHED");
        EventEnvelope waiting =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);
        Instant later = OutboxFixture.START.plus(Duration.ofHours(1));
        outbox.jdbc.update(
                "update outbox_event set attempts = 3, next_attempt_at = ? where event_id = ?",
                OffsetDateTime.ofInstant(later, ZoneOffset.UTC),
                waiting.id());
        Map<String, Object> publishedRow = row(published);
        Map<String, Object> waitingRow = row(waiting);

        OutboxRelay leader = outbox.relay();
        leader.start();
        await().atMost(Duration.ofSeconds(10)).until(outbox::leadershipLockHeld);

        assertThat(endpoint.releaseAll().released()).containsExactly(large.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> "PUBLISHED".equals(outbox.status(large)));
        assertThat(row(published)).isEqualTo(publishedRow);
        assertThat(row(waiting)).isEqualTo(waitingRow);
        assertThat(endpoint.releaseAll().released()).isEmpty();
    }

    @Test
    void releasingAnEventThatIsNotBlockedChangesNothing() throws Exception {
        EventEnvelope published =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);
        outbox.relay().publishPending();
        Map<String, Object> before = row(published);

        assertThat(endpoint.release(published.id()).released()).isEmpty();
        assertThat(endpoint.release(UUID.randomUUID()).released()).isEmpty();

        assertThat(row(published)).isEqualTo(before);
    }

    /** A sign-in whose record is larger than {@link #SMALL_REQUESTS} bytes. */
    private static SignedIn largeSignIn(UUID user) {
        return new SignedIn(user, UUID.randomUUID(), SignInMethod.PASSWORD, "x".repeat(5_000));
    }

    private Map<String, Object> row(EventEnvelope event) {
        return outbox.jdbc.queryForMap("""
                select status, attempts, next_attempt_at, published_at, last_error from outbox_event where event_id = ?
                """, event.id());
    }
}
