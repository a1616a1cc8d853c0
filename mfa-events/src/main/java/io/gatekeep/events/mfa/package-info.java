/** Events about MFA credentials: enrollment, verification, lockout, recovery, disablement and enforcement. */
package io.gatekeep.events.mfa;
