/**
 * Password sign-in, sign-out and bearer sessions. The MFA features plug into sign-in through
 * {@link io.gatekeep.api.sessions.SecondFactorCheck} and finish an MFA sign-in with
 * {@link io.gatekeep.api.sessions.SignInService#completeSignIn}.
 */
package io.gatekeep.api.sessions;
