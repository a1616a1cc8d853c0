/**
 * Outbox rows the relay set aside ({@code BLOCKED}), for operators: {@link io.gatekeep.outbox.blocked.BlockedEvents}
 * lists and releases them; {@link io.gatekeep.outbox.blocked.OutboxEndpoint} serves that as the {@code outbox}
 * actuator endpoint.
 */
package io.gatekeep.outbox.blocked;
