package io.gatekeep.api.directory;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The directory's answers, as the support desk reads them. */
final class DirectoryEntries {

    private DirectoryEntries() {}

    /**
     * @param joinedVia how the membership came to be: {@code CREATED}, {@code INVITATION} (accepted) or {@code ADDED}
     * @param joinedAt when it was made
     * @param roleSince since when {@code role} holds (a changed role restarts it)
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
            boolean mfaEnforced) {}

    record User(
            UUID userId,
            String email,
            String displayName,
            boolean active,
            boolean mfaEnabled,
            List<Membership> organizations) {}

    /** @param roleSince since when the person holds their role in the organization asked about */
    record Person(UUID userId, String email, String displayName, Instant roleSince) {}

    /** Who may confirm a reset for a member: the owners, and the other members holding MANAGE_ORG_ACCESS. */
    record Approvers(
            UUID organizationId, String name, boolean mfaEnforced, List<Person> owners, List<Person> managers) {}
}
