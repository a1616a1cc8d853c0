package io.gatekeep.api.organizations;

import io.gatekeep.api.invitations.model.Invitation;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invitation as its organization sees it. Built only from what the inviter sent, so it reads the same whether or
 * not the address has an account: no user id, name or MFA state of the person.
 */
@Schema(name = "Invitation")
record InvitationResponse(
        UUID invitationId,
        UUID organizationId,
        String email,
        Role role,
        List<Permission> permissions,
        @Schema(allowableValues = {"INVITED"}) String status,
        Instant createdAt,
        Instant expiresAt,
        @Schema(description = "Who invited (listing only)") UUID invitedBy) {

    static InvitationResponse of(Invitation invitation, UUID invitedBy) {
        return new InvitationResponse(
                invitation.id(),
                invitation.organizationId(),
                invitation.offer().email(),
                invitation.offer().role(),
                invitation.offer().grants().stream().sorted().toList(),
                "INVITED",
                invitation.createdAt(),
                invitation.expiresAt(),
                invitedBy);
    }

    @Schema(name = "InvitationPage")
    record Page(List<InvitationResponse> invitations, int page, int size) {}
}
