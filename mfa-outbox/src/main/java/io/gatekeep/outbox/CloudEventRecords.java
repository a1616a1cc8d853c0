package io.gatekeep.outbox;

import io.gatekeep.events.CloudEventHeaders;
import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.Topic;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/** Maps an outbox row to a Kafka record in the CloudEvents Kafka binding's binary content mode. */
final class CloudEventRecords {

    private CloudEventRecords() {}

    /** @throws IllegalArgumentException when the row names a topic that is not in the catalogue */
    static ProducerRecord<String, String> toRecord(OutboxRow row, String topicPrefix) {
        String topic = Topic.ofLogicalName(row.topic()).physicalName(topicPrefix);
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, row.partitionKey(), row.payload());
        Headers headers = record.headers();
        add(headers, CloudEventHeaders.ID, row.eventId().toString());
        add(headers, CloudEventHeaders.SOURCE, row.source());
        add(headers, CloudEventHeaders.TYPE, row.eventType());
        add(headers, CloudEventHeaders.TIME, DateTimeFormatter.ISO_INSTANT.format(row.occurredAt()));
        if (row.subject() != null) {
            add(headers, CloudEventHeaders.SUBJECT, row.subject());
        }
        add(headers, CloudEventHeaders.SPEC_VERSION, EventEnvelope.SPEC_VERSION);
        add(headers, CloudEventHeaders.SCHEMA_VERSION, Integer.toString(row.schemaVersion()));
        add(headers, CloudEventHeaders.CONTENT_TYPE, EventEnvelope.CONTENT_TYPE);
        return record;
    }

    private static void add(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
