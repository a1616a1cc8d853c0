package io.gatekeep.api.accounts.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A signup waiting for its address to be confirmed. It is not an account: it cannot sign in, and a later signup for
 * the same address replaces it. States: pending → confirmed (becomes the account, and the request is gone) or
 * pending → expired by time ({@link #VALIDITY} after its last confirmation email).
 *
 * @param passwordHash the bcrypt hash of the password chosen at signup, which the account gets when confirmed
 * @param lastMailedAt when a confirmation email was last asked for (resent at most every {@link #RESEND_INTERVAL})
 */
public record PendingSignup(
        UUID id,
        String email,
        String displayName,
        String organizationName,
        String passwordHash,
        Instant createdAt,
        Instant expiresAt,
        Instant lastMailedAt) {

    /** How long a confirmation link works. */
    public static final Duration VALIDITY = Duration.ofHours(24);
    /** A sign-in attempt with the right password resends the confirmation email at most this often. */
    public static final Duration RESEND_INTERVAL = Duration.ofMinutes(10);

    public PendingSignup {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(lastMailedAt, "lastMailedAt");
    }

    public static PendingSignup request(
            String email, String displayName, String organizationName, String passwordHash, Instant now) {
        return new PendingSignup(
                UUID.randomUUID(), email, displayName, organizationName, passwordHash, now, now.plus(VALIDITY), now);
    }

    /** Whether its confirmation link still works at {@code now}. */
    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Whether a confirmation email may go out again at {@code now}. */
    public boolean mayResendAt(Instant now) {
        return !now.isBefore(lastMailedAt.plus(RESEND_INTERVAL));
    }

    /** The signup after its confirmation email was sent again at {@code now}: a new link, valid a full period. */
    public PendingSignup resent(Instant now) {
        if (!mayResendAt(now)) {
            throw new IllegalStateException("Signup " + id + " was mailed less than " + RESEND_INTERVAL + " ago");
        }
        return new PendingSignup(
                id, email, displayName, organizationName, passwordHash, createdAt, now.plus(VALIDITY), now);
    }

    @Override
    public String toString() {
        // never print the hash
        return "PendingSignup[id=" + id + ", expiresAt=" + expiresAt + "]";
    }
}
