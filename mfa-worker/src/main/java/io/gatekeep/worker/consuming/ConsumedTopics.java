package io.gatekeep.worker.consuming;

import io.gatekeep.events.Topic;
import java.util.Arrays;

/** The physical names of the topics the worker listens to (referenced by the listener's SpEL). */
record ConsumedTopics(String[] names) {

    static ConsumedTopics all(String prefix) {
        return new ConsumedTopics(Arrays.stream(Topic.values()).map(topic -> topic.physicalName(prefix))
                .toArray(String[]::new));
    }
}
