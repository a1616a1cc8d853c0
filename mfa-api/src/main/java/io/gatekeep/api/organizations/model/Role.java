package io.gatekeep.api.organizations.model;

/** A member's role in one organization. */
public enum Role {
    OWNER,
    ADMIN,
    MEMBER;

    /** Owners and admins manage members; only owners manage owners. */
    public boolean managesMembers() {
        return this == OWNER || this == ADMIN;
    }
}
