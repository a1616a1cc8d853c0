package io.gatekeep.events;

/** Thrown for a CloudEvents type or payload class that is not in the {@link EventType} catalogue. */
public class UnknownEventTypeException extends IllegalArgumentException {

    public UnknownEventTypeException(String type) {
        super("Unknown event type: " + type);
    }
}
