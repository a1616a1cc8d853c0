package io.gatekeep.messaging.consuming;

import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;

/** Receives batches from the subscribed topics and hands them over; all logic lives in the dispatcher. */
class EventListener {

    private final EventDispatcher dispatcher;

    EventListener(EventDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    /** The consumer group is spring.kafka.consumer.group-id (the service's name), not this container id. */
    @KafkaListener(
            id = "#{@" + ConsumedTopics.BEAN_NAME + ".listenerId()}",
            idIsGroup = false,
            topics = "#{@" + ConsumedTopics.BEAN_NAME + ".names()}",
            batch = "true")
    void onEvents(List<ConsumerRecord<byte[], byte[]>> records) {
        dispatcher.dispatch(records);
    }
}
