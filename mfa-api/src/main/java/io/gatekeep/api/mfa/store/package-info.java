/**
 * R2DBC repositories for the MFA tables (migration V4_1). Each method is one guarded statement (or a short
 * compare-and-set loop) so that replay protection, single use of the recovery code and the lockout hold across API
 * instances without in-memory state. Methods join the caller's reactive transaction when there is one.
 */
package io.gatekeep.api.mfa.store;
