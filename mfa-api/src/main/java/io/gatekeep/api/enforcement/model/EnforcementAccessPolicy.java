package io.gatekeep.api.enforcement.model;

import io.gatekeep.api.organizations.model.Member;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;

/**
 * Who may see and change an organization's MFA enforcement:
 * <ul>
 *   <li>changing it needs {@link Permission#MANAGE_ORG_ACCESS} (owners hold it implicitly; an admin only when
 *       granted);</li>
 *   <li>reading the setting and the compliance view is for owners, admins and holders of that permission (whoever
 *       may change the setting must be able to see what it does). Plain members learn whether MFA is required of
 *       them from {@code GET /api/v1/me}.</li>
 * </ul>
 * Whether the actor is a member at all (404 otherwise) is decided before the policy is asked.
 */
public final class EnforcementAccessPolicy {

    private EnforcementAccessPolicy() {}

    public static boolean mayChange(Member actor) {
        return actor.has(Permission.MANAGE_ORG_ACCESS);
    }

    public static boolean mayView(Member actor) {
        return actor.role() == Role.OWNER || actor.role() == Role.ADMIN || mayChange(actor);
    }
}
