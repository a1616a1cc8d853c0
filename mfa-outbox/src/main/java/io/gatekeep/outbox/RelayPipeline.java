package io.gatekeep.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a leading relay does: reads batches of pending rows in {@code seq} order and sends them, up to
 * {@code maxBatchesInFlight} batches ahead of Kafka's acknowledgements, and marks rows {@code PUBLISHED} in send order
 * as their acknowledgements arrive. Reading and sending the next batch while the previous one is still being
 * acknowledged keeps the one publisher busy instead of waiting a round trip per batch.
 *
 * <p>Safety is that of one batch at a time, stretched over the batches in flight: rows are marked only as an
 * acknowledged prefix of everything sent; at the first row Kafka did not acknowledge (or a send that failed) the
 * relay stops sending, waits out what is in flight without marking any of it, backs that row off, and starts again
 * from the table. Rows after it that did reach Kafka are sent again later (a duplicate the consumers absorb); its own
 * key's later rows are held back by {@link #sendable} until it is published. Kafka keeps the order of one producer's
 * records per partition (idempotent producer), so per-key order holds across batches too.
 */
final class RelayPipeline {

    private static final Logger log = LoggerFactory.getLogger(RelayPipeline.class);
    private static final int MAX_ERROR_LENGTH = 300;

    private final Connection connection;
    private final Producer<String, String> producer;
    private final String topicPrefix;
    private final OutboxProperties.Relay settings;
    private final Backoff backoff;
    private final Clock clock;
    private final RelayMetrics metrics;
    private final Wake wake;

    private final Deque<Batch> inFlight = new ArrayDeque<>();
    private final Set<Long> inFlightSeqs = new HashSet<>();
    private int published;

    RelayPipeline(
            Connection connection,
            Producer<String, String> producer,
            String topicPrefix,
            OutboxProperties.Relay settings,
            Clock clock,
            RelayMetrics metrics,
            Wake wake) {
        this.connection = connection;
        this.producer = producer;
        this.topicPrefix = topicPrefix;
        this.settings = settings;
        this.backoff = new Backoff(settings.initialBackoff(), settings.maxBackoff());
        this.clock = clock;
        this.metrics = metrics;
        this.wake = wake;
    }

    /**
     * Publishes what is pending now, waiting for every acknowledgement, and returns; stops at the first failure.
     *
     * @return the rows published
     */
    int drain() throws SQLException {
        boolean more = true;
        while (more) {
            Batch batch = fetchAndSend();
            more = batch.full() && batch.sendError == null;
            if ((!more || inFlight.size() >= settings.maxBatchesInFlight()) && !completeAll()) {
                break;
            }
        }
        return published;
    }

    /**
     * Publishes until {@code keepGoing} turns false, then completes what is in flight. Reads the table again at once
     * while batches come back full, after a commit's wake-up, or once per poll interval (rows other services commit).
     */
    void run(BooleanSupplier keepGoing) throws SQLException, InterruptedException {
        long poll = settings.pollInterval().toNanos();
        boolean more = true;
        long lastRead = System.nanoTime() - poll;
        try {
            while (keepGoing.getAsBoolean()) {
                if (!completeAcknowledged()) {
                    // After a failure, pause until the next poll or commit rather than spin on the table.
                    more = false;
                    lastRead = System.nanoTime();
                }
                boolean room = inFlight.size() < settings.maxBatchesInFlight()
                        && (inFlight.isEmpty() || inFlight.peekLast().sendError == null);
                if (!room) {
                    wake.awaitAcknowledgement(inFlight.peekFirst().deadline);
                } else if (more || wake.takeCommitted() || System.nanoTime() - lastRead >= poll) {
                    lastRead = System.nanoTime();
                    Batch batch = fetchAndSend();
                    // Only a full batch that went out cleanly means more is waiting.
                    more = batch.full() && batch.sendError == null;
                } else {
                    long deadline = lastRead + poll;
                    wake.awaitAny(inFlight.isEmpty() ? deadline : Math.min(deadline, inFlight.peekFirst().deadline));
                }
            }
        } finally {
            completeAll();
        }
    }

    private Batch fetchAndSend() throws SQLException {
        long started = System.nanoTime();
        List<OutboxRow> rows = OutboxStore.pending(connection, settings.batchSize(), inFlightSeqs);
        long fetched = System.nanoTime();
        List<OutboxRow> sendable = sendable(rows, clock.instant());
        Batch batch = new Batch(
                rows.size() >= settings.batchSize() && !sendable.isEmpty(),
                sendable,
                fetched + settings.sendTimeout().toNanos());
        for (OutboxRow row : sendable) {
            int index = batch.acks.size();
            try {
                batch.acks.add(producer.send(
                        CloudEventRecords.toRecord(row, topicPrefix),
                        (metadata, exception) -> batch.completed(index, exception, wake)));
            } catch (RuntimeException e) {
                batch.sendError = e;
                break;
            }
        }
        batch.sent(wake);
        if (!sendable.isEmpty()) {
            inFlight.addLast(batch);
            sendable.forEach(row -> inFlightSeqs.add(row.seq()));
        }
        if (log.isDebugEnabled() && !rows.isEmpty()) {
            log.debug(
                    "Batch: {} rows read in {} µs, {} sent in {} µs, {} batches in flight",
                    rows.size(),
                    (fetched - started) / 1000,
                    batch.acks.size(),
                    (System.nanoTime() - fetched) / 1000,
                    inFlight.size());
        }
        return batch;
    }

    /** Due rows, minus those queued behind a not-yet-due row with the same key. */
    static List<OutboxRow> sendable(List<OutboxRow> rows, Instant now) {
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

    /** Waits for every batch in flight and marks what was acknowledged; false after a failure. */
    private boolean completeAll() throws SQLException {
        boolean clean = true;
        while (!inFlight.isEmpty()) {
            if (!awaitOldest()) {
                // Interrupted (shutting down): leave the rest PENDING, to be sent again.
                inFlight.clear();
                inFlightSeqs.clear();
                return false;
            }
            clean = completeAcknowledged() && clean;
        }
        return clean;
    }

    /** Waits until the oldest batch is done or past its deadline; false when interrupted. */
    private boolean awaitOldest() {
        Batch oldest = inFlight.peekFirst();
        for (Future<RecordMetadata> ack : oldest.acks) {
            try {
                ack.get(Math.max(0, oldest.deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                // Failed: firstFailure() reports it once the rest are done too.
            } catch (TimeoutException e) {
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /**
     * Marks the acknowledged batches at the head of the pipeline {@code PUBLISHED} (one statement), up to the first
     * batch still waiting. At a failure, records it and waits out everything else in flight without marking it.
     *
     * @return false when a row failed
     */
    private boolean completeAcknowledged() throws SQLException {
        List<OutboxRow> acknowledged = new ArrayList<>();
        Failure failure = null;
        int batches = 0;
        long oldestSent = 0;
        while (!inFlight.isEmpty() && failure == null) {
            Batch oldest = inFlight.peekFirst();
            if (!oldest.isDone() && System.nanoTime() < oldest.deadline) {
                break;
            }
            inFlight.removeFirst();
            batches++;
            oldestSent = oldestSent == 0 ? oldest.sentAt : oldestSent;
            failure = oldest.firstFailure();
            acknowledged.addAll(failure == null ? oldest.rows : oldest.rows.subList(0, failure.index()));
            oldest.rows.forEach(row -> inFlightSeqs.remove(row.seq()));
        }
        if (!acknowledged.isEmpty()) {
            long marking = System.nanoTime();
            OutboxStore.markPublished(connection, acknowledged, clock.instant());
            published += acknowledged.size();
            metrics.published(acknowledged.size());
            if (log.isDebugEnabled()) {
                log.debug(
                        "Marked {} rows of {} batches in {} µs, {} µs after the oldest was sent",
                        acknowledged.size(),
                        batches,
                        (System.nanoTime() - marking) / 1000,
                        (marking - oldestSent) / 1000);
            }
        }
        if (failure == null) {
            return true;
        }
        // Nothing sent after the failed row may be marked: wait the rest out (bounded by the send timeout), forget it.
        while (!inFlight.isEmpty()) {
            awaitOldest();
            inFlight.removeFirst();
        }
        inFlightSeqs.clear();
        recordFailure(failure.row(), failure.error());
        return false;
    }

    private record Failure(int index, OutboxRow row, Exception error) {}

    private void recordFailure(OutboxRow row, Exception error) throws SQLException {
        String reason = describe(error);
        if (error instanceof RecordTooLargeException
                || error instanceof InvalidTopicException
                || error instanceof IllegalArgumentException) {
            log.error(
                    "Outbox event {} (seq {}, type {}) can never be published, set BLOCKED: {}",
                    row.eventId(),
                    row.seq(),
                    row.eventType(),
                    reason);
            OutboxStore.markBlocked(connection, row, reason);
            metrics.blocked();
            return;
        }
        Duration delay = backoff.delayAfter(row.attempts() + 1);
        log.warn(
                "Kafka did not acknowledge outbox event {} (seq {}, attempt {}); retrying in {}: {}",
                row.eventId(),
                row.seq(),
                row.attempts() + 1,
                delay,
                reason);
        OutboxStore.markFailed(connection, row, clock.instant().plus(delay), reason);
        metrics.failed();
    }

    private static String describe(Exception error) {
        String text = error.getClass().getSimpleName() + ": " + error.getMessage();
        return text.length() > MAX_ERROR_LENGTH ? text.substring(0, MAX_ERROR_LENGTH) : text;
    }

    /**
     * Rows sent together, and what Kafka answered for each ({@code acks} ⊆ {@code rows}). Completion is tracked from
     * the send callbacks rather than the futures: Kafka runs a record's callback before it marks its future done, so
     * a relay woken by the last callback could still see a future not done, and sleep until the send timeout.
     */
    private static final class Batch {

        final boolean full;
        final List<OutboxRow> rows;
        final List<Future<RecordMetadata>> acks;
        final long sentAt = System.nanoTime();
        final long deadline;
        RuntimeException sendError;
        private final boolean[] completed;
        private final Exception[] errors;
        private int completedCount;
        private int sentCount = -1;

        Batch(boolean full, List<OutboxRow> rows, long deadline) {
            this.full = full;
            this.rows = rows;
            this.acks = new ArrayList<>(rows.size());
            this.deadline = deadline;
            this.completed = new boolean[rows.size()];
            this.errors = new Exception[rows.size()];
        }

        boolean full() {
            return full;
        }

        /** Kafka's I/O thread (or the sender, for a send refused at once): record {@code index} was answered. */
        synchronized void completed(int index, Exception error, Wake wake) {
            if (completed[index]) {
                return;
            }
            completed[index] = true;
            errors[index] = error;
            completedCount++;
            if (completedCount == sentCount) {
                wake.acknowledged();
            }
        }

        /** Sending is over: {@code acks.size()} records went to the producer. */
        synchronized void sent(Wake wake) {
            sentCount = acks.size();
            if (completedCount == sentCount) {
                wake.acknowledged();
            }
        }

        synchronized boolean isDone() {
            return sentCount >= 0 && completedCount == sentCount;
        }

        /** The first row not acknowledged, or null; call once the batch is done or past its deadline. */
        synchronized Failure firstFailure() {
            for (int i = 0; i < sentCount; i++) {
                if (!completed[i]) {
                    return new Failure(
                            i, rows.get(i), new TimeoutException("No acknowledgement within the send timeout"));
                }
                if (errors[i] != null) {
                    return new Failure(i, rows.get(i), errors[i]);
                }
            }
            return sendError == null ? null : new Failure(sentCount, rows.get(sentCount), sendError);
        }
    }

    /**
     * How the relay thread is woken: by a commit in this service (rows are waiting) or by Kafka's I/O thread (a batch
     * was acknowledged). Kept apart so that an acknowledgement does not cost a read of the table.
     */
    static final class Wake {

        private boolean committed;
        private boolean acknowledged;
        private boolean stopping;

        /** Ends every wait from now on (the relay is stopping). */
        synchronized void stop() {
            stopping = true;
            notifyAll();
        }

        synchronized void restart() {
            stopping = false;
        }

        synchronized void commit() {
            committed = true;
            notifyAll();
        }

        synchronized void acknowledged() {
            acknowledged = true;
            notifyAll();
        }

        /** Whether a commit happened since the last call. */
        synchronized boolean takeCommitted() {
            boolean was = committed;
            committed = false;
            return was;
        }

        /** Until a commit, an acknowledgement or the deadline (System.nanoTime()). */
        synchronized void awaitAny(long deadlineNanos) throws InterruptedException {
            awaitUntil(deadlineNanos, true);
        }

        /** Until an acknowledgement or the deadline; commits are remembered for later. */
        synchronized void awaitAcknowledgement(long deadlineNanos) throws InterruptedException {
            awaitUntil(deadlineNanos, false);
        }

        private void awaitUntil(long deadlineNanos, boolean orCommit) throws InterruptedException {
            while (!stopping && !acknowledged && !(orCommit && committed)) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            acknowledged = false;
        }
    }
}
