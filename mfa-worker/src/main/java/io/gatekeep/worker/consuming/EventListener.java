package io.gatekeep.worker.consuming;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Receives batches from every Gatekeep topic and hands them over; all logic lives in the dispatcher. */
class EventListener {

    private final EventDispatcher dispatcher;

    EventListener(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The consumer group is spring.kafka.consumer.group-id ({@code mfa-worker}), not this container id. */
    @KafkaListener(id = "mfa-worker-events", idIsGroup = false, topics = "#{@consumedTopics.names()}",
            batch = "true")
    void onEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        dispatcher.dispatch(records);
    }
}
