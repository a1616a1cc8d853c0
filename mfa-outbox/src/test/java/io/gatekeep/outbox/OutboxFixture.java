package io.gatekeep.outbox;

import com.zaxxer.hikari.HikariDataSource;
import io.gatekeep.events.EventCodec;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.testing.MutableClock;
import io.gatekeep.testing.TestDatabase;
import io.gatekeep.testing.TestKafka;
import io.gatekeep.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** A migrated database, a topic prefix with its topics, a writer, and relays on demand: one per test class. */
final class OutboxFixture implements AutoCloseable {

    static final int PARTITIONS = 3;
    static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final HikariDataSource dataSource;
    final JdbcTemplate jdbc;
    final TransactionTemplate transaction;
    final JdbcOutboxWriter writer;
    final String topicPrefix;
    private final List<OutboxRelay> relays = new ArrayList<>();

    OutboxFixture() {
        TestDatabase database = TestPostgres.get().newMigratedDatabase();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(database.jdbcUrl());
        dataSource.setUsername(database.user());
        dataSource.setPassword(database.password());
        dataSource.setMaximumPoolSize(6);
        jdbc = new JdbcTemplate(dataSource);
        transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        writer = new JdbcOutboxWriter(dataSource, new EventCodec(), clock, "/gatekeep/test", () -> {});
        topicPrefix = TestKafka.get().newTopicPrefix();
        createTopics();
    }

    private void createTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()))) {
            List<NewTopic> topics = Arrays.stream(Topic.values())
                    .map(topic -> new NewTopic(topic.physicalName(topicPrefix), PARTITIONS, (short) 1))
                    .toList();
            admin.createTopics(topics).all().get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    static String bootstrap() {
        return TestKafka.get().bootstrapServers();
    }

    static SignedIn signedIn(UUID userId) {
        return new SignedIn(userId, UUID.randomUUID(), SignInMethod.PASSWORD, "203.0.113.7");
    }

    /** Appends events in one committed transaction. */
    List<EventEnvelope> commit(SignedIn... events) {
        return transaction.execute(status -> writer.appendAll(List.of(events)));
    }

    OutboxRelay relay() {
        return relay(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap()));
    }

    /** A relay whose Kafka is a closed port, giving up on a send quickly. */
    OutboxRelay relayWithUnreachableKafka() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 300);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 300);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600);
        config.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100);
        return relay(config);
    }

    /** A relay with extra producer settings. */
    OutboxRelay relayWith(Map<String, Object> producerSettings) {
        Map<String, Object> config = new HashMap<>(producerSettings);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        return relay(config);
    }

    /** Whether some relay holds the leadership lock in this test's database. */
    boolean leadershipLockHeld() {
        return jdbc.queryForObject("""
                select count(*) from pg_locks
                where locktype = 'advisory' and granted
                  and database = (select oid from pg_database where datname = current_database())
                """, Integer.class) > 0;
    }

    private OutboxRelay relay(Map<String, Object> producerConfig) {
        OutboxProperties.Relay settings = new OutboxProperties.Relay(
                true,
                Duration.ofMillis(20),
                100,
                4,
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5));
        OutboxRelay relay =
                new OutboxRelay(dataSource, producerConfig, topicPrefix, settings, clock, RelayMetrics.NONE);
        relays.add(relay);
        return relay;
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String status(EventEnvelope event) {
        return jdbc.queryForObject("select status from outbox_event where event_id = ?", String.class, event.id());
    }

    /** Every record on a topic, read from the beginning until {@code expected} arrived or the timeout passed. */
    List<ConsumerRecord<String, String>> records(Topic topic, int expected, Duration timeout) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(topic.physicalName(topicPrefix), p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
            // Anything beyond the expected count (a duplicate) would show up in this last poll.
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }

    @Override
    public void close() {
        relays.forEach(OutboxRelay::close);
        dataSource.close();
    }
}
