/**
 * What the worker consumes: every Gatekeep topic, in consumer group {@code mfa-worker}, retried as
 * {@code gatekeep.worker.retry.*} says. Listening, idempotency and dead letters are the messaging module's
 * ({@link io.gatekeep.messaging.consuming}); the worker's effects are its {@code EventHandler}s, one per feature.
 */
package io.gatekeep.worker.consuming;
