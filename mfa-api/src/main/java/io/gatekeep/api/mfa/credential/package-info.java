/**
 * The active credential as stored ({@code CredentialStore}: activation, step use, deactivation) and the MFA status
 * others read.
 */
package io.gatekeep.api.mfa.credential;
