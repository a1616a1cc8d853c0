/** The worker: applies what follows from events (audit trail, invitation and notification emails) and relays the outbox. */
package io.gatekeep.worker;
