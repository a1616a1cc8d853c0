/** The second factor at sign-in (and for turning MFA off): outcomes, challenge lifetime, the step-up rule. */
package io.gatekeep.api.mfa.verification;
