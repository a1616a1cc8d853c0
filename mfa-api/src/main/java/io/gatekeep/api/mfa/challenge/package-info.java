/**
 * The MFA kinds of {@code auth_session}: the challenge a password sign-in hands out for the second factor (claimed and
 * released by {@code ChallengeStore}), the setup-only token of an enforced organization, and the MFA marks of a full
 * session.
 */
package io.gatekeep.api.mfa.challenge;
