/**
 * MFA setup as an explicit state machine: a setup session is started, its QR code may be refreshed, and it ends
 * completed, expired or superseded. {@link io.gatekeep.api.mfa.enrollment.model.Enrollment} makes every decision and
 * returns it as a {@link io.gatekeep.api.mfa.enrollment.model.SetupOutcome}. QR codes are rendered locally (zxing):
 * the otpauth URI never leaves the server except in the setup response.
 */
package io.gatekeep.api.mfa.enrollment.model;
