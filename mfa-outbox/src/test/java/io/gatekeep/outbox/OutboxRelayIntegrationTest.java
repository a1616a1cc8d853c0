package io.gatekeep.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.events.account.SignedIn;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.transaction.IllegalTransactionStateException;

class OutboxRelayIntegrationTest {

    private final OutboxFixture outbox = new OutboxFixture();

    @AfterEach
    void close() {
        outbox.close();
    }

    @Test
    void publishesInSeqOrderWithCloudEventHeadersAndKey() throws Exception {
        UUID user = UUID.randomUUID();
        List<EventEnvelope> first = outbox.commit(OutboxFixture.signedIn(user), OutboxFixture.signedIn(user));
        List<EventEnvelope> second = outbox.commit(OutboxFixture.signedIn(user));

        assertThat(outbox.relay().publishPending().published()).isEqualTo(3);

        List<ConsumerRecord<String, String>> records = outbox.records(Topic.ACCOUNT, 3, Duration.ofSeconds(10));
        assertThat(records)
                .extracting(record -> header(record, "ce_id"))
                .containsExactly(
                        first.get(0).id().toString(),
                        first.get(1).id().toString(),
                        second.get(0).id().toString());
        ConsumerRecord<String, String> record = records.get(0);
        EventEnvelope sent = first.get(0);
        assertThat(record.key()).isEqualTo(user.toString());
        assertThat(record.value()).contains("\"sessionId\"").contains(user.toString());
        assertThat(header(record, "ce_source")).isEqualTo("/gatekeep/test");
        assertThat(header(record, "ce_type")).isEqualTo("io.gatekeep.account.signed-in");
        assertThat(header(record, "ce_time")).isEqualTo("2026-01-05T09:00:00Z");
        assertThat(header(record, "ce_subject")).isEqualTo("user/" + user);
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_schemaversion")).isEqualTo(String.valueOf(sent.schemaVersion()));
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        assertThat(outbox.status(sent)).isEqualTo("PUBLISHED");
    }

    @Test
    void rolledBackTransactionPublishesNothing() throws Exception {
        outbox.transaction.executeWithoutResult(status -> {
            outbox.writer.append(OutboxFixture.signedIn(UUID.randomUUID()));
            status.setRollbackOnly();
        });

        assertThat(outbox.relay().publishPending().published()).isZero();
        assertThat(outbox.jdbc.queryForObject("select count(*) from outbox_event", Integer.class))
                .isZero();
        assertThat(outbox.records(Topic.ACCOUNT, 1, Duration.ofMillis(500))).isEmpty();
    }

    @Test
    void eventCommittedWhileKafkaIsUnreachableWaitsAndIsPublishedOnceKafkaIsBack() throws Exception {
        EventEnvelope event =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);

        assertThat(outbox.relayWithUnreachableKafka().publishPending().published())
                .isZero();
        assertThat(outbox.relayWithUnreachableKafka().publishPending().published())
                .isZero();

        Map<String, Object> row = outbox.jdbc.queryForMap(
                "select status, attempts, next_attempt_at, last_error from outbox_event where event_id = ?",
                event.id());
        assertThat(row.get("status")).isEqualTo("PENDING");
        assertThat(row.get("attempts")).isEqualTo(1);
        assertThat((String) row.get("last_error")).isNotBlank().doesNotContain("sessionId");

        OutboxRelay relay = outbox.relay();
        assertThat(relay.publishPending().published())
                .as("not due before its backoff")
                .isZero();
        outbox.clock.advance(Duration.ofSeconds(1));
        assertThat(relay.publishPending().published()).isEqualTo(1);
        assertThat(outbox.status(event)).isEqualTo("PUBLISHED");
        assertThat(outbox.records(Topic.ACCOUNT, 1, Duration.ofSeconds(10)))
                .extracting(record -> header(record, "ce_id"))
                .containsExactly(event.id().toString());
    }

    @Test
    void holdsBackLaterEventsOfAKeyUntilItsFailedEventIsPublished() throws Exception {
        UUID user = UUID.randomUUID();
        EventEnvelope failed = outbox.commit(OutboxFixture.signedIn(user)).get(0);
        outbox.relayWithUnreachableKafka().publishPending();
        EventEnvelope later = outbox.commit(OutboxFixture.signedIn(user)).get(0);
        EventEnvelope otherUser =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);

        OutboxRelay relay = outbox.relay();
        assertThat(relay.publishPending().published()).isEqualTo(1);
        assertThat(outbox.status(otherUser)).isEqualTo("PUBLISHED");
        assertThat(outbox.status(later)).isEqualTo("PENDING");

        outbox.clock.advance(Duration.ofSeconds(1));
        assertThat(relay.publishPending().published()).isEqualTo(2);
        assertThat(outbox.records(Topic.ACCOUNT, 3, Duration.ofSeconds(10)))
                .filteredOn(record -> record.key().equals(user.toString()))
                .extracting(record -> header(record, "ce_id"))
                .containsExactly(failed.id().toString(), later.id().toString());
    }

    @Test
    void setsAsideAnEventForAnUnknownTopicWithoutStallingOthers() throws Exception {
        EventEnvelope good =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);
        outbox.jdbc.update("update outbox_event set topic = 'no-such-topic' where event_id = ?", good.id());
        EventEnvelope next =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);

        OutboxRelay relay = outbox.relay();
        relay.publishPending();
        relay.publishPending();

        assertThat(outbox.status(good)).isEqualTo("BLOCKED");
        assertThat(outbox.status(next)).isEqualTo("PUBLISHED");
    }

    @Test
    void twoRelaysRunningAtOncePublishEachEventExactlyOnce() {
        int events = 1_000;
        IntStream.range(0, events / 10)
                .forEach(batch -> outbox.commit(IntStream.range(0, 10)
                        .mapToObj(i -> OutboxFixture.signedIn(UUID.randomUUID()))
                        .toArray(SignedIn[]::new)));

        OutboxRelay one = outbox.relay();
        OutboxRelay two = outbox.relay();
        one.start();
        two.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> outbox.jdbc.queryForObject(
                                "select count(*) from outbox_event where status = 'PUBLISHED'", Integer.class)
                        == events);
        one.stop();
        two.stop();

        List<ConsumerRecord<String, String>> records = outbox.records(Topic.ACCOUNT, events, Duration.ofSeconds(20));
        assertThat(records).hasSize(events);
        assertThat(records.stream().map(record -> header(record, "ce_id")).distinct())
                .hasSize(events);
    }

    @Test
    void keepsEachKeysOrderAcrossTheBatchesInFlight() throws Exception {
        List<UUID> users =
                IntStream.range(0, 5).mapToObj(i -> UUID.randomUUID()).toList();
        List<String> written = new java.util.ArrayList<>();
        for (int commit = 0; commit < 90; commit++) {
            SignedIn[] events = IntStream.range(0, 5)
                    .mapToObj(i -> OutboxFixture.signedIn(users.get(i)))
                    .toArray(SignedIn[]::new);
            outbox.commit(events).forEach(event -> written.add(event.id().toString()));
        }

        // 450 rows, batches of 100, up to 4 batches sent before the first is acknowledged.
        assertThat(outbox.relay().publishPending().published()).isEqualTo(450);

        List<ConsumerRecord<String, String>> records = outbox.records(Topic.ACCOUNT, 450, Duration.ofSeconds(20));
        for (UUID user : users) {
            List<String> sent = records.stream()
                    .filter(record -> record.key().equals(user.toString()))
                    .map(record -> header(record, "ce_id"))
                    .toList();
            assertThat(sent).hasSize(90).isSortedAccordingTo(java.util.Comparator.comparingInt(written::indexOf));
        }
    }

    @Test
    void marksNothingSentAfterARowKafkaRefusedAndSendsItAgainLater() throws Exception {
        List<EventEnvelope> events = new java.util.ArrayList<>();
        for (int commit = 0; commit < 35; commit++) {
            events.addAll(outbox.commit(IntStream.range(0, 10)
                    .mapToObj(i -> OutboxFixture.signedIn(UUID.randomUUID()))
                    .toArray(SignedIn[]::new)));
        }
        EventEnvelope refused = events.get(149);
        outbox.jdbc.update(
                "update outbox_event set payload = jsonb_build_object('pad', repeat('x', 5000)) "
                        + "where event_id = ?",
                refused.id());
        OutboxRelay relay = outbox.relayWith(Map.of(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 4_000));

        // The refusal comes back through the second batch's acknowledgements, with two more batches already sent.
        assertThat(relay.publishPending().published()).isEqualTo(149);
        assertThat(outbox.status(events.get(148))).isEqualTo("PUBLISHED");
        assertThat(outbox.status(refused)).isEqualTo("BLOCKED");
        assertThat(events.subList(150, 350))
                .allSatisfy(event -> assertThat(outbox.status(event)).isEqualTo("PENDING"));

        assertThat(relay.publishPending().published()).isEqualTo(200);
        List<ConsumerRecord<String, String>> records = outbox.records(Topic.ACCOUNT, 549, Duration.ofSeconds(20));
        assertThat(records.stream().map(record -> header(record, "ce_id")).distinct())
                .hasSize(349)
                .doesNotContain(refused.id().toString());
    }

    @Test
    void oneRelayLeadsAtATimeAndNeverReturnsTheLockToThePool() throws Exception {
        OutboxRelay leader = outbox.relay();
        OutboxRelay standby = outbox.relay();
        leader.start();
        await().atMost(Duration.ofSeconds(10)).until(outbox::leadershipLockHeld);

        EventEnvelope event =
                outbox.commit(OutboxFixture.signedIn(UUID.randomUUID())).get(0);
        assertThat(standby.publishPending().lockHeld()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> "PUBLISHED".equals(outbox.status(event)));

        leader.stop();
        assertThat(outbox.leadershipLockHeld()).isFalse();
        assertThat(standby.publishPending().lockHeld()).isTrue();
        assertThat(outbox.leadershipLockHeld())
                .as("released before the connection went back to the pool")
                .isFalse();
    }

    @Test
    void writerRefusesToRunOutsideATransaction() {
        assertThatThrownBy(() -> outbox.writer.append(OutboxFixture.signedIn(UUID.randomUUID())))
                .isInstanceOf(IllegalTransactionStateException.class);
        assertThat(outbox.jdbc.queryForObject("select count(*) from outbox_event", Integer.class))
                .isZero();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
