package io.gatekeep.events;

import java.util.UUID;

/** An event a person caused. */
public interface ActorEvent extends EventPayload {

    /** Who caused it; null only where the record documents that the system acted on its own. */
    UUID actorUserId();
}
