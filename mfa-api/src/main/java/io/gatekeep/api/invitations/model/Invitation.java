package io.gatekeep.api.invitations.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * An invitation to join an organization. States: pending (not accepted, not expired) → accepted; or pending →
 * expired by time. Tokens are single use: once accepted, the same token is refused.
 */
public record Invitation(UUID id, UUID organizationId, UUID userId, Instant createdAt, Instant expiresAt,
                         Instant acceptedAt) {

    /** How long an invitation can be accepted. */
    public static final Duration VALIDITY = Duration.ofDays(7);

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static Invitation issue(UUID organizationId, UUID userId, Instant now) {
        return new Invitation(UUID.randomUUID(), organizationId, userId, now, now.plus(VALIDITY), null);
    }

    /** Whether it can be accepted at {@code now}; the guard names the state that refuses it. */
    public Acceptance acceptanceAt(Instant now) {
        if (acceptedAt != null) {
            return Acceptance.ALREADY_USED;
        }
        if (!now.isBefore(expiresAt)) {
            return Acceptance.EXPIRED;
        }
        return Acceptance.ACCEPTABLE;
    }

    public Invitation accept(Instant now) {
        if (acceptanceAt(now) != Acceptance.ACCEPTABLE) {
            throw new IllegalStateException("Invitation " + id + " cannot be accepted: " + acceptanceAt(now));
        }
        return new Invitation(id, organizationId, userId, createdAt, expiresAt, now);
    }

    public enum Acceptance {
        ACCEPTABLE,
        EXPIRED,
        ALREADY_USED
    }
}
