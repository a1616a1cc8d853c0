package io.gatekeep.api.organizations.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class MemberManagementPolicyTest {

    private static final UUID ORG = UUID.randomUUID();
    private static final Set<Permission> NONE = Set.of();
    private static final Set<Permission> ACCESS = Set.of(Permission.MANAGE_ORG_ACCESS);

    private static Member owner() {
        return new Member(ORG, UUID.randomUUID(), Role.OWNER, NONE);
    }

    private static Member admin() {
        return new Member(ORG, UUID.randomUUID(), Role.ADMIN, NONE);
    }

    private static Member memberWithAccess() {
        return new Member(ORG, UUID.randomUUID(), Role.MEMBER, ACCESS);
    }

    @Test
    void ownersHoldEveryPermissionImplicitly() {
        assertThat(owner().permissions()).containsExactly(Permission.MANAGE_ORG_ACCESS);
        assertThat(admin().permissions()).isEmpty();
        assertThat(memberWithAccess().has(Permission.MANAGE_ORG_ACCESS)).isTrue();
    }

    @Test
    void onlyOwnersAndAdminsAddMembers() {
        assertThat(MemberManagementPolicy.add(owner(), Role.OWNER, ACCESS)).isInstanceOf(MemberDecision.Allowed.class);
        assertThat(MemberManagementPolicy.add(admin(), Role.ADMIN, NONE)).isInstanceOf(MemberDecision.Allowed.class);
        assertThat(MemberManagementPolicy.add(memberWithAccess(), Role.MEMBER, NONE))
                .isInstanceOf(MemberDecision.Forbidden.class);
    }

    @Test
    void adminsNeitherCreateOwnersNorGrantPermissions() {
        assertThat(MemberManagementPolicy.add(admin(), Role.OWNER, NONE)).isInstanceOf(MemberDecision.Forbidden.class);
        assertThat(MemberManagementPolicy.add(admin(), Role.MEMBER, ACCESS))
                .isInstanceOf(MemberDecision.Forbidden.class);
    }

    @Test
    void adminsKeepExistingGrantsWhenChangingRoles() {
        Member target = memberWithAccess();
        assertThat(MemberManagementPolicy.update(admin(), target, Role.ADMIN, ACCESS, 1))
                .isInstanceOf(MemberDecision.Allowed.class);
        assertThat(MemberManagementPolicy.update(admin(), target, Role.ADMIN, NONE, 1))
                .isInstanceOf(MemberDecision.Forbidden.class);
    }

    @Test
    void onlyOwnersChangeOrRemoveOwners() {
        assertThat(MemberManagementPolicy.update(admin(), owner(), Role.ADMIN, NONE, 2))
                .isInstanceOf(MemberDecision.Forbidden.class);
        assertThat(MemberManagementPolicy.remove(admin(), owner(), 2)).isInstanceOf(MemberDecision.Forbidden.class);
        assertThat(MemberManagementPolicy.update(admin(), admin(), Role.OWNER, NONE, 1))
                .isInstanceOf(MemberDecision.Forbidden.class);
        assertThat(MemberManagementPolicy.remove(owner(), owner(), 2)).isInstanceOf(MemberDecision.Allowed.class);
    }

    @Test
    void lastOwnerIsNeitherDemotedNorRemoved() {
        Member last = owner();
        assertThat(MemberManagementPolicy.update(last, last, Role.ADMIN, NONE, 1))
                .isInstanceOf(MemberDecision.LastOwner.class);
        assertThat(MemberManagementPolicy.remove(last, last, 1)).isInstanceOf(MemberDecision.LastOwner.class);
        assertThat(MemberManagementPolicy.update(last, last, Role.OWNER, ACCESS, 1))
                .isInstanceOf(MemberDecision.Allowed.class);
    }
}
