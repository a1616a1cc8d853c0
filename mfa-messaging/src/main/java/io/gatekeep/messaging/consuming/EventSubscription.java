package io.gatekeep.messaging.consuming;

import io.gatekeep.events.Topic;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What a service consumes. A service that declares this bean, beside its {@link EventHandler}s, gets one batch
 * listener on these topics in its consumer group ({@code spring.kafka.consumer.group-id}), the
 * {@link EventDispatcher}, bounded retries ending on the dead-letter topics, and the {@code kafka} health check
 * ({@link ConsumingAutoConfiguration}).
 *
 * @param listenerId id of the listener container (its threads and metrics carry it); not the consumer group
 * @param topics     the logical topics read; their physical names take {@code gatekeep.events.topic-prefix}
 * @param retry      how a failing event is retried before it goes to the dead-letter topic
 */
public record EventSubscription(String listenerId, Set<Topic> topics, Retry retry) {

    public EventSubscription {
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("A subscription needs at least one topic");
        }
        topics = Collections.unmodifiableSet(EnumSet.copyOf(topics));
    }

    /**
     * @param initialInterval first backoff, doubled per retry
     * @param maxInterval     backoff cap
     * @param maxRetries      retries after the first attempt
     */
    public record Retry(Duration initialInterval, Duration maxInterval, int maxRetries) {}
}
