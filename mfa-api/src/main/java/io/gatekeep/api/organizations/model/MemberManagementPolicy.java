package io.gatekeep.api.organizations.model;

import java.util.Set;

/**
 * Who may add, change and remove members:
 * <ul>
 *   <li>only owners and admins manage members;</li>
 *   <li>only owners create, promote, demote or remove owners, and only owners grant or revoke permissions;</li>
 *   <li>the last owner can be neither demoted nor removed.</li>
 * </ul>
 * Whether the actor is a member at all (404 otherwise) is decided before the policy is asked.
 */
public final class MemberManagementPolicy {

    private MemberManagementPolicy() {}

    public static boolean mayManageMembers(Member actor) {
        return actor.role().managesMembers();
    }

    public static MemberDecision add(Member actor, Role role, Set<Permission> grants) {
        if (!mayManageMembers(actor)) {
            return new MemberDecision.Forbidden("Only owners and admins add members");
        }
        if (role == Role.OWNER && !actor.isOwner()) {
            return new MemberDecision.Forbidden("Only owners add owners");
        }
        if (!grants.isEmpty() && !actor.isOwner()) {
            return new MemberDecision.Forbidden("Only owners grant permissions");
        }
        return MemberDecision.ALLOWED;
    }

    /**
     * @param owners how many owners the organization has now (counted under a lock)
     */
    public static MemberDecision update(
            Member actor, Member target, Role newRole, Set<Permission> newGrants, long owners) {
        if (!mayManageMembers(actor)) {
            return new MemberDecision.Forbidden("Only owners and admins change members");
        }
        boolean touchesOwner = target.isOwner() || newRole == Role.OWNER;
        if (touchesOwner && !actor.isOwner()) {
            return new MemberDecision.Forbidden("Only owners change owners");
        }
        if (!newGrants.equals(target.grants()) && !actor.isOwner()) {
            return new MemberDecision.Forbidden("Only owners grant or revoke permissions");
        }
        if (target.isOwner() && newRole != Role.OWNER && owners <= 1) {
            return new MemberDecision.LastOwner();
        }
        return MemberDecision.ALLOWED;
    }

    public static MemberDecision remove(Member actor, Member target, long owners) {
        if (!mayManageMembers(actor)) {
            return new MemberDecision.Forbidden("Only owners and admins remove members");
        }
        if (target.isOwner() && !actor.isOwner()) {
            return new MemberDecision.Forbidden("Only owners remove owners");
        }
        if (target.isOwner() && owners <= 1) {
            return new MemberDecision.LastOwner();
        }
        return MemberDecision.ALLOWED;
    }
}
