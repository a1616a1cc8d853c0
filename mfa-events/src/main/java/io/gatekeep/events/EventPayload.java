package io.gatekeep.events;

/**
 * The data of a domain event. A payload states only the facts it has, through the narrower interfaces it implements:
 * {@link UserEvent}, {@link OrganizationEvent}, {@link ActorEvent}, {@link RequestEvent}. A payload never holds a
 * secret, a one-time code, a token or a password hash.
 */
public interface EventPayload {

    /** The Kafka record key: keeps one user's (or organization's, ticket's, signup's) events in order on one partition. */
    String partitionKey();
}
