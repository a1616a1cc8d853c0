package io.gatekeep.desk.tickets;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What the desk may know about accounts: read through mfa-api's internal directory, never from its tables.
 *
 * @throws DirectoryUnavailable from every method when the directory cannot answer (the caller retries later)
 */
public interface Directory {

    Optional<User> userByEmail(String email);

    Optional<Approvers> approvers(UUID organizationId);

    /**
     * @param joinedVia {@code CREATED}, {@code INVITATION} (accepted by the person) or {@code ADDED} (made without
     *     their consent, before consent was required)
     * @param joinedAt when the membership was made; {@code roleSince} since when its role holds
     * @param mfaEnforced whether the organization enforces MFA
     */
    record Membership(
            UUID organizationId,
            String name,
            String role,
            boolean manageOrgAccess,
            String joinedVia,
            Instant joinedAt,
            Instant roleSince,
            boolean mfaEnforced) {

        public Membership(UUID organizationId, String name, String role, boolean manageOrgAccess) {
            this(organizationId, name, role, manageOrgAccess, null, null, null, false);
        }

        /** Made by the person themselves: they created the organization or accepted an invitation. */
        public boolean joinedByConsent() {
            return "CREATED".equals(joinedVia) || "INVITATION".equals(joinedVia);
        }
    }

    record User(
            UUID userId,
            String email,
            String displayName,
            boolean active,
            boolean mfaEnabled,
            List<Membership> organizations) {
        public User {
            organizations = organizations == null ? List.of() : List.copyOf(organizations);
        }
    }

    /** @param roleSince since when the person holds their role in the organization asked about; null if unknown */
    record Person(UUID userId, String email, String displayName, Instant roleSince) {

        public Person(UUID userId, String email, String displayName) {
            this(userId, email, displayName, null);
        }
    }

    /** The owners, and the other members holding MANAGE_ORG_ACCESS. */
    record Approvers(
            UUID organizationId, String name, boolean mfaEnforced, List<Person> owners, List<Person> managers) {
        public Approvers(UUID organizationId, String name, List<Person> owners, List<Person> managers) {
            this(organizationId, name, false, owners, managers);
        }

        public Approvers {
            owners = owners == null ? List.of() : List.copyOf(owners);
            managers = managers == null ? List.of() : List.copyOf(managers);
        }
    }

    /** The directory did not answer (network, timeout, 5xx, refused credentials): try again later. */
    final class DirectoryUnavailable extends RuntimeException {
        public DirectoryUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
