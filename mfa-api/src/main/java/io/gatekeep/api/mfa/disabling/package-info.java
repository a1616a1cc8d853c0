/** Turning MFA off ({@code DELETE /api/v1/me/mfa}): the code is checked, the credential deactivated. */
package io.gatekeep.api.mfa.disabling;
