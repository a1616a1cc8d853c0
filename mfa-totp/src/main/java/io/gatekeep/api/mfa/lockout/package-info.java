/**
 * Brute-force protection for the MFA step: consecutive failures per user, a lock that grows on repeat, and the
 * reference state machine that the store's atomic SQL implements.
 */
package io.gatekeep.api.mfa.lockout;
