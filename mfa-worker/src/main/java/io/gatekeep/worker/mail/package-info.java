/**
 * Outgoing email: {@link io.gatekeep.worker.mail.OutgoingEmails} queues at most one email per cause in the caller's
 * transaction; {@link io.gatekeep.worker.mail.EmailDispatcher} sends queued emails over SMTP with retries.
 */
package io.gatekeep.worker.mail;
