/**
 * MFA setup over HTTP ({@code /api/v1/me/mfa/setup*}): {@code EnrollmentService} runs the rules of
 * {@link io.gatekeep.api.mfa.enrollment.model.Enrollment} against {@code SetupStore}, and on success activates the
 * credential and issues the recovery code.
 */
package io.gatekeep.api.mfa.enrollment;
