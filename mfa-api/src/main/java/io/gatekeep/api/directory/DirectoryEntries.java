package io.gatekeep.api.directory;

import java.util.List;
import java.util.UUID;

/** The directory's answers, as the support desk reads them. */
final class DirectoryEntries {

    private DirectoryEntries() {
    }

    record Membership(UUID organizationId, String name, String role, boolean manageOrgAccess) {
    }

    record User(UUID userId, String email, String displayName, boolean active, boolean mfaEnabled,
                List<Membership> organizations) {
    }

    record Person(UUID userId, String email, String displayName) {
    }

    /** Who may confirm a reset for a member: the owners, and the other members holding MANAGE_ORG_ACCESS. */
    record Approvers(UUID organizationId, String name, List<Person> owners, List<Person> managers) {
    }
}
