/**
 * The second factor: at sign-in ({@code POST /api/v1/auth/mfa}, and inline in a one-request sign-in) and for step-up.
 * {@code SecondFactorVerifier} checks a TOTP code (the lockout counted first by {@code LockoutStore}, the step
 * consumed once) or the recovery code; {@code MfaSignIn} turns the outcome into a session.
 */
package io.gatekeep.api.mfa.verification;
