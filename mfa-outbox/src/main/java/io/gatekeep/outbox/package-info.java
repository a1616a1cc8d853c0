/**
 * The transactional outbox: {@link io.gatekeep.outbox.JdbcOutboxWriter} records an event in the caller's transaction,
 * {@link io.gatekeep.outbox.OutboxRelay} publishes committed rows to Kafka, and {@link io.gatekeep.outbox.OutboxAutoConfiguration}
 * wires both (and the topics) into any Gatekeep service that depends on this module.
 */
package io.gatekeep.outbox;
