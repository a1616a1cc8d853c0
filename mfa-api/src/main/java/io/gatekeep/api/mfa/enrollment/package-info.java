/**
 * MFA setup as an explicit state machine: a setup session is started, its QR code may be refreshed, and it ends
 * completed, expired or superseded. {@link io.gatekeep.api.mfa.enrollment.Enrollment} makes every decision and
 * returns it as a {@link io.gatekeep.api.mfa.enrollment.SetupOutcome}.
 */
package io.gatekeep.api.mfa.enrollment;
