package io.gatekeep.events;

import java.util.UUID;

/**
 * The data of a domain event. Every payload names the facts an audit trail needs; fields that do not apply are null.
 * A payload never holds a secret, a one-time code, a token or a password hash.
 */
public interface EventPayload {

    /** The user the event is about (null for organization-level facts). */
    UUID userId();

    /** The organization the event happened in, or null when it concerns the user across all their organizations. */
    UUID organizationId();

    /** Who caused it: a user id, or null for the system itself. */
    UUID actorUserId();

    /** The client IP of the request that caused it, or null. */
    String clientIp();

    /** The Kafka record key: keeps one user's (or one organization's) events in order on one partition. */
    default String partitionKey() {
        return userId() != null ? userId().toString() : String.valueOf(organizationId());
    }
}
