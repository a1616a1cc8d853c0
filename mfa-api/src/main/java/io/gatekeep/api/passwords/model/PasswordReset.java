package io.gatekeep.api.passwords.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One emailed password reset link of an account. States: open → used (the account's resets are then all gone, so a
 * link works once and older links die with it) or open → expired by time ({@link #VALIDITY}).
 */
public record PasswordReset(UUID id, UUID userId, Instant createdAt, Instant expiresAt) {

    /** How long a reset link works. */
    public static final Duration VALIDITY = Duration.ofHours(1);

    public PasswordReset {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static PasswordReset issue(UUID userId, Instant now) {
        return new PasswordReset(UUID.randomUUID(), userId, now, now.plus(VALIDITY));
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
