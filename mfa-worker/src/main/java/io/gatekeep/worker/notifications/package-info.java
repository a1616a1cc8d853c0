/**
 * Notification emails that follow from events. To add one: a {@link io.gatekeep.worker.notifications.NotificationRule}
 * bean for the event type, composing the email (look people up with
 * {@link io.gatekeep.worker.notifications.Directory}). The {@link io.gatekeep.worker.notifications.NotificationHandler}
 * queues what the rules compose, once per cause.
 */
package io.gatekeep.worker.notifications;
