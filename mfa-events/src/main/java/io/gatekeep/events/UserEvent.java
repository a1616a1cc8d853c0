package io.gatekeep.events;

import java.util.UUID;

/** An event about one user account, keyed by that account unless the record says otherwise. */
public interface UserEvent extends EventPayload {

    /** The account the event is about; null only where the record documents it. */
    UUID userId();

    @Override
    default String partitionKey() {
        return userId().toString();
    }
}
