/**
 * The MFA endpoints: setup ({@code /api/v1/me/mfa/setup*}), turning MFA off ({@code DELETE /api/v1/me/mfa}) and the
 * second sign-in step ({@code POST /api/v1/auth/mfa}); every MFA outcome maps to its problem code in
 * {@code MfaProblems}.
 */
package io.gatekeep.api.mfa.web;
