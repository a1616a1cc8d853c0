package io.gatekeep.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes committed outbox rows to Kafka, at least once, in {@code seq} order per key.
 *
 * <p>Each round is one transaction: a transaction-scoped advisory lock elects one relay in the whole deployment
 * (the others idle), the oldest pending rows are locked, sent, and those Kafka acknowledged are marked
 * {@code PUBLISHED}, in {@code seq} order up to the first failure. The failed row stays {@code PENDING} with a capped
 * exponential backoff and holds back the later rows with its key; the rows after it are simply sent again later (a
 * duplicate the consumers' idempotency absorbs). So during a Kafka outage rows wait and nothing is lost. A row Kafka
 * can never take (unknown topic, too large) is set {@code BLOCKED} for an operator instead of stalling its key.
 *
 * <p>Ordering caveat: {@code seq} is taken at insert, so two concurrent transactions may commit out of {@code seq}
 * order; they are published in commit order then. Events of one key are normally written by serialized transactions.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final DataSource dataSource;
    private final Map<String, Object> producerConfig;
    private final String topicPrefix;
    private final OutboxProperties.Relay settings;
    private final Backoff backoff;
    private final Clock clock;
    private final RelayMetrics metrics;
    private final Object wakeUp = new Object();

    private boolean ownsDataSource;
    private Producer<String, String> producer;
    private volatile boolean running;
    private boolean woken;
    private Thread thread;

    /**
     * @param producerConfig Kafka producer configuration; serializers, idempotence and {@code acks=all} are forced
     */
    public OutboxRelay(DataSource dataSource, Map<String, Object> producerConfig, String topicPrefix,
                       OutboxProperties.Relay settings, Clock clock, RelayMetrics metrics) {
        this.dataSource = dataSource;
        this.producerConfig = forcedProducerConfig(producerConfig, settings.sendTimeout());
        this.topicPrefix = topicPrefix;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.clock = clock;
        this.metrics = metrics;
    }

    private static Map<String, Object> forcedProducerConfig(Map<String, Object> config, Duration sendTimeout) {
        Map<String, Object> forced = new HashMap<>(config);
        forced.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        forced.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        forced.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        forced.put(ProducerConfig.ACKS_CONFIG, "all");
        forced.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "outbox-relay");
        // A round sends up to a batch of rows at once: larger producer batches mean fewer requests to wait for.
        forced.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 2);
        forced.putIfAbsent(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        // While Kafka is unreachable, send() waits for metadata: no longer than a round waits for acknowledgements.
        forced.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) sendTimeout.toMillis());
        return forced;
    }

    /** The outcome of one round. */
    public record Round(boolean lockHeld, int published, boolean batchFull) {
    }

    /** Runs one round now (the background thread calls this in a loop; tests call it directly). */
    public Round publishPending() throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Round round = publishPending(connection);
                connection.commit();
                return round;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private Round publishPending(Connection connection) throws SQLException {
        if (!OutboxStore.tryLock(connection)) {
            return new Round(false, 0, false);
        }
        long started = System.nanoTime();
        List<OutboxRow> rows = OutboxStore.lockPending(connection, settings.batchSize());
        long selected = System.nanoTime();
        Instant now = clock.instant();
        List<OutboxRow> sendable = sendable(rows, now);
        Sent sent = send(sendable);
        long acknowledged = System.nanoTime();
        OutboxStore.markPublished(connection, sent.acknowledged(), clock.instant());
        if (log.isDebugEnabled() && !rows.isEmpty()) {
            log.debug("Round: {} rows, select {} µs, send+ack {} µs, mark {} µs", rows.size(),
                    (selected - started) / 1000, (acknowledged - selected) / 1000,
                    (System.nanoTime() - acknowledged) / 1000);
        }
        metrics.published(sent.acknowledged().size());
        if (sent.failed() != null) {
            recordFailure(connection, sent.failed(), sent.error(), now);
        }
        // Only a full batch that went out cleanly means more is waiting; anything else waits for the next poll.
        boolean full = rows.size() >= settings.batchSize() && sent.failed() == null && !sendable.isEmpty();
        return new Round(true, sent.acknowledged().size(), full);
    }

    /** Due rows, minus those queued behind a not-yet-due row with the same key. */
    private static List<OutboxRow> sendable(List<OutboxRow> rows, Instant now) {
        Set<String> heldBackKeys = new HashSet<>();
        List<OutboxRow> sendable = new ArrayList<>(rows.size());
        for (OutboxRow row : rows) {
            if (heldBackKeys.contains(row.partitionKey()) || !row.isDue(now)) {
                heldBackKeys.add(row.partitionKey());
            } else {
                sendable.add(row);
            }
        }
        return sendable;
    }

    private record Sent(List<OutboxRow> acknowledged, OutboxRow failed, Exception error) {
    }

    private Sent send(List<OutboxRow> rows) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(rows.size());
        Exception error = null;
        for (OutboxRow row : rows) {
            try {
                acks.add(producer().send(CloudEventRecords.toRecord(row, topicPrefix)));
            } catch (RuntimeException e) {
                error = e;
                break;
            }
        }
        long deadline = System.nanoTime() + settings.sendTimeout().toNanos();
        for (int i = 0; i < acks.size(); i++) {
            try {
                acks.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                return new Sent(rows.subList(0, i), rows.get(i), (Exception) e.getCause());
            } catch (TimeoutException e) {
                return new Sent(rows.subList(0, i), rows.get(i), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Sent(rows.subList(0, i), rows.get(i), e);
            }
        }
        return new Sent(rows.subList(0, acks.size()), error == null ? null : rows.get(acks.size()), error);
    }

    private void recordFailure(Connection connection, OutboxRow row, Exception error, Instant now)
            throws SQLException {
        String reason = describe(error);
        if (error instanceof RecordTooLargeException || error instanceof InvalidTopicException
                || error instanceof IllegalArgumentException) {
            log.error("Outbox event {} (seq {}, type {}) can never be published, set BLOCKED: {}",
                    row.eventId(), row.seq(), row.eventType(), reason);
            OutboxStore.markBlocked(connection, row, reason);
            metrics.blocked();
            return;
        }
        Duration delay = backoff.delayAfter(row.attempts() + 1);
        log.warn("Kafka did not acknowledge outbox event {} (seq {}, attempt {}); retrying in {}: {}",
                row.eventId(), row.seq(), row.attempts() + 1, delay, reason);
        OutboxStore.markFailed(connection, row, now.plus(delay), reason);
        metrics.failed();
    }

    private static String describe(Exception error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    /** Asks the background thread to run a round now rather than after the poll interval. */
    public void wakeUp() {
        synchronized (wakeUp) {
            woken = true;
            wakeUp.notifyAll();
        }
    }

    private void loop() {
        while (running) {
            boolean again = false;
            try {
                again = publishPending().batchFull();
            } catch (Exception e) {
                log.warn("Outbox relay round failed; retrying after {}", settings.pollInterval(), e);
            }
            if (!again) {
                pause();
            }
        }
    }

    private void pause() {
        synchronized (wakeUp) {
            long until = System.nanoTime() + settings.pollInterval().toNanos();
            while (running && !woken) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(wakeUp, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    running = false;
                }
            }
            woken = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        Thread stopping;
        synchronized (this) {
            running = false;
            stopping = thread;
            thread = null;
        }
        wakeUp();
        if (stopping != null) {
            try {
                stopping.join(settings.sendTimeout().plusSeconds(5).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeProducer();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return settings.enabled();
    }

    /** Starts before and stops after the Kafka listener containers (default phase). */
    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }

    /** Makes {@link #close()} close the DataSource too (for a pool created just for this relay). */
    void closeDataSourceOnClose() {
        this.ownsDataSource = true;
    }

    @Override
    public void close() {
        stop();
        if (ownsDataSource && dataSource instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.debug("Closing the relay's DataSource failed", e);
            }
        }
    }

    private synchronized void closeProducer() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
