/** Wiring of the MFA feature: properties ({@code gatekeep.mfa.*}), the keyring, the domain services and stores. */
package io.gatekeep.api.mfa.config;
