package io.gatekeep.api.organizations;

import io.gatekeep.api.invitations.Invitations;
import io.gatekeep.api.organizations.model.MemberManagementPolicy;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The open invitations of an organization: who was invited and not answered yet, and withdrawing one. */
@RestController
@RequestMapping("/api/v1/organizations/{orgId}/invitations")
@Tag(name = "Members")
@SecurityRequirement(name = OpenApiDocs.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
@ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
@ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
class OrganizationInvitationsController {

    private final MemberService members;
    private final Memberships memberships;
    private final Invitations invitations;
    private final ClientIps clientIps;

    OrganizationInvitationsController(
            MemberService members, Memberships memberships, Invitations invitations, ClientIps clientIps) {
        this.members = members;
        this.memberships = memberships;
        this.invitations = invitations;
        this.clientIps = clientIps;
    }

    @GetMapping
    @Operation(
            summary = "List open invitations",
            description = "Invitations not accepted or declined yet (expired ones too, until cancelled), newest "
                    + "first. Owners and admins only. Accepted invitations appear as members.")
    @ApiResponse(responseCode = "200", description = "One page of open invitations")
    Mono<InvitationResponse.Page> list(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal CurrentSession session) {
        return memberships
                .find(orgId, session.userId())
                .switchIfEmpty(Mono.error(ApiError.NOT_FOUND::exception))
                .filter(MemberManagementPolicy::mayManageMembers)
                .switchIfEmpty(Mono.error(() -> ApiError.FORBIDDEN.exception("Only owners and admins see invitations")))
                .flatMap(member -> invitations
                        .listOpen(orgId, page * size, size)
                        .map(open -> InvitationResponse.of(open.invitation(), open.invitedBy()))
                        .collectList())
                .map(items -> new InvitationResponse.Page(items, page, size));
    }

    @DeleteMapping("/{invitationId}")
    @Operation(summary = "Cancel an open invitation", description = "Owners and admins; its token stops working.")
    @ApiResponse(responseCode = "204", description = "Cancelled")
    Mono<ResponseEntity<Void>> cancel(
            @PathVariable UUID orgId,
            @PathVariable UUID invitationId,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        return members.cancelInvitation(
                        orgId, new MemberService.Actor(session.userId(), clientIps.of(http)), invitationId)
                .map(outcome -> {
                    if (outcome instanceof MemberOutcome.Removed) {
                        return ResponseEntity.noContent().build();
                    }
                    if (outcome instanceof MemberOutcome.Forbidden forbidden) {
                        throw ApiError.FORBIDDEN.exception(forbidden.reason());
                    }
                    throw ApiError.NOT_FOUND.exception();
                });
    }
}
