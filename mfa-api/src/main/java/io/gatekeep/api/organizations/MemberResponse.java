package io.gatekeep.api.organizations;

import io.gatekeep.api.organizations.Memberships.MemberView;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A member as the API shows it. {@code permissions} are the effective ones (owners hold all implicitly);
 * {@code status} is INVITED until the invitation is accepted.
 */
@Schema(name = "Member")
record MemberResponse(
        UUID userId,
        String email,
        String displayName,
        @Schema(allowableValues = {"INVITED", "ACTIVE"}) String status,
        Role role,
        List<Permission> permissions,
        Instant joinedAt,

        @Schema(description = "Whether the member has an active MFA credential")
        boolean mfaEnabled) {

    static MemberResponse of(MemberView view) {
        return new MemberResponse(
                view.member().userId(),
                view.email(),
                view.displayName(),
                view.status(),
                view.member().role(),
                view.member().permissions().stream().sorted().toList(),
                view.joinedAt(),
                view.mfaEnabled());
    }

    @Schema(name = "MemberPage")
    record Page(List<MemberResponse> members, int page, int size, long total) {}
}
