/** The recovery code as stored ({@code RecoveryCodeStore}): issued with the credential, used at most once. */
package io.gatekeep.api.mfa.recovery;
