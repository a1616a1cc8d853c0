/**
 * Consuming events, for any service that declares an {@link io.gatekeep.messaging.consuming.EventSubscription}: a
 * thin Kafka listener hands batches to the {@link io.gatekeep.messaging.consuming.EventDispatcher}, which runs every
 * {@link io.gatekeep.messaging.consuming.EventHandler} idempotently (event id recorded in the effect's transaction);
 * failures are retried with backoff and poison records end on the dead-letter topic, logged.
 */
package io.gatekeep.messaging.consuming;
