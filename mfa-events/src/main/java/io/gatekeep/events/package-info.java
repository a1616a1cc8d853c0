/**
 * Event contracts shared by every Gatekeep service: topics, the CloudEvents envelope, payload records and their codec.
 * Payloads never carry a secret, a code, a token or a password hash.
 */
package io.gatekeep.events;
