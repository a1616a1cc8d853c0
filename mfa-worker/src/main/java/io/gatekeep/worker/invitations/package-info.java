/**
 * Invitations: when someone is invited, the worker creates the one-time token, stores only its hash, and queues the
 * invitation email that carries it. The token exists nowhere else: not in an event, a log line or the database.
 */
package io.gatekeep.worker.invitations;
