/**
 * Passwords after signup: a reset through a one-time emailed link (every session ends, MFA stays on) and a change by
 * the signed-in holder (their other sessions end). The worker mints the reset token and emails it; the API only ever
 * sees its hash.
 */
package io.gatekeep.api.passwords;
