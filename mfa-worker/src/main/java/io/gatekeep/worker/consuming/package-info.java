/**
 * Consuming events: a thin Kafka listener hands batches to the {@link io.gatekeep.worker.consuming.EventDispatcher},
 * which runs every {@link io.gatekeep.worker.consuming.EventHandler} idempotently (event id recorded in the effect's
 * transaction); failures are retried with backoff and poison records end on the dead-letter topic, logged.
 */
package io.gatekeep.worker.consuming;
