package io.gatekeep.api.organizations;

import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A member leaves an organization of their own accord: nobody needs to agree, except that one owner must stay. */
@RestController
@Tag(name = "Members")
class LeaveOrganizationController {

    private final MemberService members;
    private final ClientIps clientIps;

    LeaveOrganizationController(MemberService members, ClientIps clientIps) {
        this.members = members;
        this.clientIps = clientIps;
    }

    @DeleteMapping("/api/v1/me/organizations/{orgId}")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(
            summary = "Leave an organization",
            description = "Ends the caller's membership; the organization's audit records who left. The last owner "
                    + "cannot leave (409 last_owner): make someone else owner first.")
    @ApiResponse(responseCode = "204", description = "Left")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "last_owner", ref = OpenApiDocs.CONFLICT)
    Mono<ResponseEntity<Void>> leave(
            @PathVariable UUID orgId, @AuthenticationPrincipal CurrentSession session, ServerHttpRequest http) {
        return members.leave(orgId, new MemberService.Actor(session.userId(), clientIps.of(http)))
                .map(outcome -> {
                    if (outcome instanceof MemberOutcome.Removed) {
                        return ResponseEntity.noContent().build();
                    }
                    if (outcome instanceof MemberOutcome.LastOwner) {
                        throw MembersController.LAST_OWNER.exception();
                    }
                    throw ApiError.NOT_FOUND.exception();
                });
    }
}
