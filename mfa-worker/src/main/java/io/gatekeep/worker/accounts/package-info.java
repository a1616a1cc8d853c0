/**
 * Emails about a person's own account: the signup confirmation link (or, for an address that has an account, word
 * that it does), the password reset link, and the notice that a password changed. Links carry one-time tokens the
 * worker mints here; only their hashes are stored, and no event, log line or API answer ever holds one.
 */
package io.gatekeep.worker.accounts;
