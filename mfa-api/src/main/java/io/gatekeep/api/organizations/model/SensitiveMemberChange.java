package io.gatekeep.api.organizations.model;

/**
 * Which membership changes hand out or take away control of an organization, and so need a recent second factor
 * from an actor who has MFA (the step-up rule): making someone an owner, granting MANAGE_ORG_ACCESS, and demoting an
 * owner (removing an owner is always one). A takeover through a stolen session has to pass through one of them.
 */
public final class SensitiveMemberChange {

    private SensitiveMemberChange() {}

    public static boolean of(Member before, Member after) {
        boolean grantsOwner = after.isOwner() && !before.isOwner();
        boolean demotesOwner = before.isOwner() && !after.isOwner();
        boolean grantsAccess = after.grants().contains(Permission.MANAGE_ORG_ACCESS)
                && !before.grants().contains(Permission.MANAGE_ORG_ACCESS);
        return grantsOwner || demotesOwner || grantsAccess;
    }
}
