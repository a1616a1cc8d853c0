/**
 * The MFA credential's states and transitions, each a named {@link io.gatekeep.credentials.Statement} held by the
 * statements class of its aggregate: {@link io.gatekeep.credentials.CredentialStatements} (activation, step use,
 * deactivation), {@link io.gatekeep.credentials.SetupStatements} (enrolment, setup expiry),
 * {@link io.gatekeep.credentials.RecoveryCodeStatements}, {@link io.gatekeep.credentials.LockoutStatements} (failure
 * counting and lockout, its condition derived in {@link io.gatekeep.credentials.LockoutCondition}), and the folded
 * statements of a TOTP attempt and sign-in. The API runs them reactively while the caller waits; the worker runs
 * {@link io.gatekeep.credentials.SupportReset} and {@link io.gatekeep.credentials.SetupExpiry} with JDBC. Both use
 * the same text, so a transition has one definition.
 */
package io.gatekeep.credentials;
