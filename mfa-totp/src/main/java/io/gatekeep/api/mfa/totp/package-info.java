/** Time-based one-time passwords (RFC 6238): secrets, code matching with its time step, the otpauth URI. */
package io.gatekeep.api.mfa.totp;
