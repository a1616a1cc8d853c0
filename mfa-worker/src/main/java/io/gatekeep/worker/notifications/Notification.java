package io.gatekeep.worker.notifications;

import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.util.UUID;

/**
 * One email to send because of an event.
 *
 * @param causeKey  unique per email, so redelivery never sends it twice
 * @param recipient the address
 * @param subject   the subject line
 * @param body      the plain-text body
 */
public record Notification(String causeKey, String recipient, String subject, String body) {

    /** The only email of its kind for this event: cause {@code <kind>:<event id>}. */
    public static Notification about(ReceivedEvent event, String kind, String recipient, String subject, String body) {
        return new Notification(kind + ":" + event.id(), recipient, subject, body);
    }

    /** One of several emails of its kind for this event (fan-out): cause {@code <kind>:<event id>:<user id>}. */
    public static Notification aboutFor(
            ReceivedEvent event, String kind, UUID recipientUserId, String recipient, String subject, String body) {
        return new Notification(kind + ":" + event.id() + ":" + recipientUserId, recipient, subject, body);
    }
}
