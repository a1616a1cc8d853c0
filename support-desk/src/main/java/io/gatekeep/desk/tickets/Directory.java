package io.gatekeep.desk.tickets;

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

    record Membership(UUID organizationId, String name, String role, boolean manageOrgAccess) {}

    record User(UUID userId, String email, String displayName, boolean active, boolean mfaEnabled,
                List<Membership> organizations) {
        public User {
            organizations = organizations == null ? List.of() : List.copyOf(organizations);
        }
    }

    record Person(UUID userId, String email, String displayName) {}

    /** The owners, and the other members holding MANAGE_ORG_ACCESS. */
    record Approvers(UUID organizationId, String name, List<Person> owners, List<Person> managers) {
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
