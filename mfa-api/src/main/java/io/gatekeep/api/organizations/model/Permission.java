package io.gatekeep.api.organizations.model;

/** Explicit grants on top of a role. Owners hold every permission implicitly. */
public enum Permission {
    /** Manage organization-wide access settings such as MFA enforcement. Only owners grant it. */
    MANAGE_ORG_ACCESS
}
