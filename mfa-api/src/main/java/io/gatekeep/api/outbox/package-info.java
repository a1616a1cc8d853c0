/**
 * The R2DBC side of the transactional outbox: feature code appends its events inside its own business transaction;
 * the mfa-outbox relay (JDBC) publishes them to Kafka.
 */
package io.gatekeep.api.outbox;
