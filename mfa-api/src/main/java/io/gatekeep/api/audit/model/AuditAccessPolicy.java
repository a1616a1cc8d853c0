package io.gatekeep.api.audit.model;

import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Role;

/** Owners and admins read their organization's audit trail; other members may not. */
public final class AuditAccessPolicy {

    private AuditAccessPolicy() {}

    public static boolean mayRead(Member member) {
        return member.role() == Role.OWNER || member.role() == Role.ADMIN;
    }
}
