package io.gatekeep.api.invitations.model;

import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * An offer to join an organization, bound to one address (its account {@code userId}). States: open (not answered,
 * not expired) → accepted or declined; or open → expired by time. The membership exists only once it is accepted;
 * tokens are single use: once answered, the same token is refused.
 */
public record Invitation(
        UUID id,
        UUID organizationId,
        UUID userId,
        Offer offer,
        Instant createdAt,
        Instant expiresAt,
        Instant acceptedAt,
        Instant declinedAt) {

    /** How long an invitation can be answered. */
    public static final Duration VALIDITY = Duration.ofDays(7);

    /**
     * What is offered, to whom.
     *
     * @param email the address as the inviter typed it (shown to the organization instead of the account's spelling)
     */
    public record Offer(String email, Role role, Set<Permission> grants) {

        public Offer {
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(role, "role");
            grants = grants == null || grants.isEmpty() ? Set.of() : Set.copyOf(grants);
        }
    }

    public Invitation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public static Invitation issue(UUID organizationId, UUID userId, Offer offer, Instant now) {
        return new Invitation(UUID.randomUUID(), organizationId, userId, offer, now, now.plus(VALIDITY), null, null);
    }

    /** Whether it can be answered at {@code now}; the guard names the state that refuses it. */
    public Acceptance acceptanceAt(Instant now) {
        if (acceptedAt != null || declinedAt != null) {
            return Acceptance.ALREADY_USED;
        }
        if (!now.isBefore(expiresAt)) {
            return Acceptance.EXPIRED;
        }
        return Acceptance.ACCEPTABLE;
    }

    public Invitation accept(Instant now) {
        requireOpen(now);
        return new Invitation(id, organizationId, userId, offer, createdAt, expiresAt, now, null);
    }

    public Invitation decline(Instant now) {
        requireOpen(now);
        return new Invitation(id, organizationId, userId, offer, createdAt, expiresAt, null, now);
    }

    /** The membership that accepting makes. */
    public Member membership() {
        return new Member(organizationId, userId, offer.role(), offer.grants());
    }

    private void requireOpen(Instant now) {
        if (acceptanceAt(now) != Acceptance.ACCEPTABLE) {
            throw new IllegalStateException("Invitation " + id + " cannot be answered: " + acceptanceAt(now));
        }
    }

    public enum Acceptance {
        ACCEPTABLE,
        EXPIRED,
        /** Accepted or declined already. */
        ALREADY_USED
    }
}
