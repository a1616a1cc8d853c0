package io.gatekeep.messaging.consuming;

/** The listener's container id and the physical names of its topics (referenced by the listener's SpEL). */
record ConsumedTopics(String listenerId, String[] names) {

    /** The name of this bean, which the listener's annotation refers to. */
    static final String BEAN_NAME = "gatekeepConsumedTopics";

    static ConsumedTopics of(EventSubscription subscription, String prefix) {
        return new ConsumedTopics(
                subscription.listenerId(),
                subscription.topics().stream()
                        .map(topic -> topic.physicalName(prefix))
                        .toArray(String[]::new));
    }
}
