package io.gatekeep.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Publishes committed outbox rows to Kafka, at least once, in {@code seq} order per key.
 *
 * <p>One relay in the whole deployment publishes: the one holding a session-level advisory lock
 * ({@link RelayLeadership}); the others stand by and try again once per poll interval. The leader reads the oldest
 * pending rows in batches and sends them, keeping a few batches in flight ({@link RelayPipeline}), and marks those
 * Kafka acknowledged {@code PUBLISHED}, in send order up to the first failure. The failed row stays {@code PENDING}
 * with a capped exponential backoff and holds back the later rows with its key; the rows sent after it are simply
 * sent again later (a duplicate the consumers' idempotency absorbs). So during a Kafka outage rows wait and nothing
 * is lost. A row Kafka can never take (unknown topic, too large) is set {@code BLOCKED} for an operator instead of
 * stalling its key.
 *
 * <p>Ordering caveat: {@code seq} is taken at insert, so two concurrent transactions may commit out of {@code seq}
 * order; they are published in commit order then. Events of one key are normally written by serialized transactions.
 */
public class OutboxRelay implements SmartLifecycle, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final DataSource dataSource;
    private final Map<String, Object> producerConfig;
    private final String topicPrefix;
    private final OutboxProperties.Relay settings;
    private final Clock clock;
    private final RelayMetrics metrics;
    private final RelayPipeline.Wake wake = new RelayPipeline.Wake();

    private boolean ownsDataSource;
    private Producer<String, String> producer;
    private volatile boolean running;
    private Thread thread;

    /**
     * @param producerConfig Kafka producer configuration; serializers, idempotence and {@code acks=all} are forced
     */
    public OutboxRelay(
            DataSource dataSource,
            Map<String, Object> producerConfig,
            String topicPrefix,
            OutboxProperties.Relay settings,
            Clock clock,
            RelayMetrics metrics) {
        this.dataSource = dataSource;
        this.producerConfig = forcedProducerConfig(producerConfig, settings.sendTimeout());
        this.topicPrefix = topicPrefix;
        this.settings = settings;
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
    public record Round(boolean lockHeld, int published, boolean batchFull) {}

    /**
     * Publishes what is pending now and returns once Kafka acknowledged it (or at the first failure); the background
     * thread does the same continuously. Tests call this directly.
     */
    public Round publishPending() throws SQLException {
        try (RelayLeadership leadership = RelayLeadership.tryAcquire(dataSource)) {
            if (leadership == null) {
                return new Round(false, 0, false);
            }
            int published = pipeline(leadership).drain();
            return new Round(true, published, false);
        }
    }

    private RelayPipeline pipeline(RelayLeadership leadership) {
        return new RelayPipeline(leadership.connection(), producer(), topicPrefix, settings, clock, metrics, wake);
    }

    private synchronized Producer<String, String> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerConfig);
        }
        return producer;
    }

    /** Tells the background thread that rows were committed, so that it reads them now rather than at the next poll. */
    public void wakeUp() {
        wake.commit();
    }

    /** Leads while it can; otherwise (another relay leads, or the database is unreachable) tries again after a pause. */
    private void loop() {
        while (running) {
            try (RelayLeadership leadership = RelayLeadership.tryAcquire(dataSource)) {
                if (leadership != null) {
                    log.debug("This relay leads: publishing the outbox");
                    pipeline(leadership).run(() -> running);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.warn("Outbox relay failed; retrying after {}", settings.pollInterval(), e);
            }
            pause();
        }
    }

    /** A standby relay tries for leadership once per poll interval, whatever the commits in its own service. */
    private void pause() {
        long until = System.nanoTime() + settings.pollInterval().toNanos();
        try {
            while (running && System.nanoTime() < until) {
                wake.awaitAcknowledgement(until);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        wake.restart();
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
        wake.stop();
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
