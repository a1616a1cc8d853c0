package io.gatekeep.events;

/** A record whose payload cannot be read: a poison record for the dead-letter topic. */
public class MalformedEventException extends IllegalArgumentException {

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
