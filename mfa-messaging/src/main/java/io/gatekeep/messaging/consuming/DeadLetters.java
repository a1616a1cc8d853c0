package io.gatekeep.messaging.consuming;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.MalformedEventException;
import io.gatekeep.events.Topic;
import io.gatekeep.events.UnknownEventTypeException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/**
 * Sends a record that cannot be processed to {@code <topic>.dlt} and says so in the log, with where it came from, its
 * event id and why; never its payload.
 */
final class DeadLetters implements ConsumerRecordRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final int MAX_REASON_LENGTH = 300;

    private final DeadLetterPublishingRecoverer publisher;

    DeadLetters(DeadLetterPublishingRecoverer publisher) {
        this.publisher = publisher;
    }

    static TopicPartition destination(ConsumerRecord<?, ?> record) {
        // Any partition of the dead-letter topic will do (-1 lets the producer choose).
        return new TopicPartition(record.topic() + Topic.DEAD_LETTER_SUFFIX, -1);
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Exception exception) {
        log.error(
                "Dead-lettering record {}-{}@{} (event {}, type {}) to {}: {}",
                record.topic(),
                record.partition(),
                record.offset(),
                RecordDecoder.header(record, CloudEventHeaders.ID),
                RecordDecoder.header(record, CloudEventHeaders.TYPE),
                destination(record).topic(),
                reason(exception));
        publisher.accept(record, exception);
    }

    /** The reason, without parser messages that may quote the payload. */
    static String reason(Throwable exception) {
        Throwable cause = unwrap(exception);
        String reason;
        if (cause instanceof MalformedEventException && cause.getMessage() != null) {
            // The codec appends the JSON parser's message after a colon, and that may quote the payload.
            String message = cause.getMessage();
            int colon = message.indexOf(':');
            reason = "MalformedEventException: " + (colon < 0 ? message : message.substring(0, colon));
        } else {
            reason = cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        return reason.length() > MAX_REASON_LENGTH ? reason.substring(0, MAX_REASON_LENGTH) + "…" : reason;
    }

    private static Throwable unwrap(Throwable exception) {
        Throwable current = exception;
        while ((current instanceof ListenerExecutionFailedException || current instanceof BatchListenerFailedException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    static boolean isPoison(Throwable exception) {
        for (Throwable current = exception; current != null; current = current.getCause()) {
            if (current instanceof MalformedEventException || current instanceof UnknownEventTypeException) {
                return true;
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return false;
    }
}
