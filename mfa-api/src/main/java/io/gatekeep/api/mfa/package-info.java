/**
 * Authenticator-app MFA, cut by capability: {@code challenge} (the sign-in challenge and the other MFA kinds of
 * session), {@code enrollment} (setup), {@code verification} (the second factor at sign-in and for step-up, the
 * lockout counted before every code), {@code recovery} (the recovery code), {@code credential} (the active credential
 * and MFA status) and {@code disabling} (turning MFA off). Each holds its controller, service, store and problem
 * mapping ({@code SetupProblems}, {@code VerificationProblems}); its rules are plain Java in its {@code model}
 * package. The SQL the stores run is the credentials module's ({@code io.gatekeep.credentials}). This package wires
 * the feature ({@link io.gatekeep.api.mfa.MfaConfiguration}, {@code gatekeep.mfa.*}) and documents its problems for
 * OpenAPI ({@link io.gatekeep.api.mfa.MfaOpenApi}).
 */
package io.gatekeep.api.mfa;
