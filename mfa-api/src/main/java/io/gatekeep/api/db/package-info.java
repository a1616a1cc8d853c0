/**
 * Database wiring: R2DBC for requests (transactions through {@link org.springframework.transaction.reactive.TransactionalOperator}),
 * plus a small JDBC pool for Flyway and the mfa-outbox relay.
 */
package io.gatekeep.api.db;
