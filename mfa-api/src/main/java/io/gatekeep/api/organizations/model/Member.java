package io.gatekeep.api.organizations.model;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One user's membership in one organization.
 *
 * @param grants the explicitly granted permissions (stored); see {@link #permissions()} for the effective ones
 */
public record Member(UUID organizationId, UUID userId, Role role, Set<Permission> grants) {

    public Member {
        Objects.requireNonNull(organizationId, "organizationId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(role, "role");
        grants = grants == null || grants.isEmpty() ? Set.of() : Set.copyOf(grants);
    }

    /** Effective permissions: owners hold all of them. */
    public Set<Permission> permissions() {
        if (role == Role.OWNER) {
            return EnumSet.allOf(Permission.class);
        }
        return grants.isEmpty() ? Set.of() : EnumSet.copyOf(grants);
    }

    public boolean has(Permission permission) {
        return permissions().contains(permission);
    }

    public boolean isOwner() {
        return role == Role.OWNER;
    }
}
