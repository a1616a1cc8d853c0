package io.gatekeep.events;

/** An event a client's request caused. */
public interface RequestEvent extends EventPayload {

    /** The client IP of the request; null when it was not known, or where the record documents no request. */
    String clientIp();
}
