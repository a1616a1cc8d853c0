package io.gatekeep.api.mfa.totp;

/**
 * A code matched the RFC 6238 time step {@code step} (seconds since the epoch / 30); {@code drift} is -1, 0 or +1
 * relative to the server's current step. Replay protection stores {@code step} as the credential's last used step.
 */
public record MatchedStep(long step, int drift) {}
