package io.gatekeep.messaging.consuming;

import io.gatekeep.events.MalformedEventException;
import io.gatekeep.events.UnknownEventTypeException;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies a batch of records to every interested {@link EventHandler}.
 *
 * <p>Each handler gets one transaction for its share of the batch (idempotency rows and effects together). If that
 * transaction fails, the handler's events are applied again one transaction each, to find the failing event: the
 * events before it stay applied, and a {@link BatchListenerFailedException} naming its index lets the container
 * commit the offsets before it and retry (or dead-letter) from it. Handlers that already applied later events skip
 * them on redelivery through their idempotency rows.
 */
public class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final RecordDecoder decoder;
    private final ProcessedEvents processed;
    private final List<EventHandler> handlers;
    private final TransactionTemplate transaction;

    EventDispatcher(
            RecordDecoder decoder,
            ProcessedEvents processed,
            List<EventHandler> handlers,
            TransactionTemplate transaction) {
        this.decoder = decoder;
        this.processed = processed;
        this.handlers = List.copyOf(handlers);
        this.transaction = transaction;
    }

    public void dispatch(List<ConsumerRecord<byte[], byte[]>> records) {
        List<ReceivedEvent> events = new ArrayList<>(records.size());
        Failure failure = null;
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                events.add(decoder.decode(record));
            } catch (MalformedEventException | UnknownEventTypeException e) {
                failure = new Failure(events.size(), e);
                break;
            }
        }
        for (EventHandler handler : handlers) {
            int limit = failure == null ? events.size() : failure.index();
            Failure handlerFailure = apply(handler, events.subList(0, limit));
            if (handlerFailure != null) {
                failure = handlerFailure;
            }
        }
        if (failure != null) {
            throw new BatchListenerFailedException(
                    DeadLetters.reason(failure.cause()), failure.cause(), failure.index());
        }
    }

    private record Failure(int index, RuntimeException cause) {}

    /** Returns the first event (index in {@code events}) the handler could not apply, or null. */
    private Failure apply(EventHandler handler, List<ReceivedEvent> events) {
        List<ReceivedEvent> mine = events.stream()
                .filter(event -> handler.handles(event.type()) && handler.handles(event))
                .toList();
        if (mine.isEmpty()) {
            return null;
        }
        try {
            transaction.executeWithoutResult(status -> handler.handleAll(processed.claim(handler.name(), mine)));
            return null;
        } catch (RuntimeException batchFailure) {
            if (mine.size() == 1) {
                return new Failure(events.indexOf(mine.get(0)), batchFailure);
            }
            log.debug(
                    "Handler {} failed on a batch of {}; applying its events one by one",
                    handler.name(),
                    mine.size(),
                    batchFailure);
        }
        for (ReceivedEvent event : mine) {
            try {
                transaction.executeWithoutResult(status ->
                        processed.claim(handler.name(), List.of(event)).forEach(handler::handle));
            } catch (RuntimeException e) {
                log.warn(
                        "Handler {} failed on event {} ({}): {}",
                        handler.name(),
                        event.id(),
                        event.type().type(),
                        e.toString());
                return new Failure(events.indexOf(event), e);
            }
        }
        return null;
    }
}
