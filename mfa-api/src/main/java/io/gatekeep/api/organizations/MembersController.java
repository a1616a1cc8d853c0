package io.gatekeep.api.organizations;

import io.gatekeep.api.accounts.ValidEmail;
import io.gatekeep.api.accounts.ValidName;
import io.gatekeep.api.accounts.model.PlainName;
import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.organizations.MemberService.Actor;
import io.gatekeep.api.organizations.MemberService.NewMember;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}/members")
@Tag(name = "Members")
@SecurityRequirement(name = OpenApiDocs.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
@ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
class MembersController {

    static final ApiError LAST_OWNER =
            new ApiError(HttpStatus.CONFLICT, "last_owner", "The last owner cannot be removed or demoted");
    static final ApiError ALREADY_MEMBER = new ApiError(
            HttpStatus.CONFLICT, "already_member", "This address is already a member of this organization");

    private final MemberService members;
    private final Memberships memberships;
    private final ClientIps clientIps;

    MembersController(MemberService members, Memberships memberships, ClientIps clientIps) {
        this.members = members;
        this.memberships = memberships;
        this.clientIps = clientIps;
    }

    @Schema(name = "AddMemberRequest")
    record AddMemberRequest(
            @NotBlank @ValidEmail @Size(max = 320) String email,

            @Schema(
                    description = "How to greet a person who has no account yet (optional; an "
                            + "existing account keeps its own name). " + PlainName.DESCRIPTION)
            @ValidName
            String displayName,

            @NotNull Role role,

            @Schema(description = "Explicit grants; only owners may grant")
            Set<Permission> permissions) {}

    @Schema(name = "UpdateMemberRequest")
    record UpdateMemberRequest(
            @NotNull Role role,

            @Schema(description = "Explicit grants; omit to keep them. Only owners may change them")
            Set<Permission> permissions) {}

    @GetMapping
    @Operation(summary = "List the organization's members", description = "Any member may list the members.")
    Mono<MemberResponse.Page> list(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int size,
            @AuthenticationPrincipal CurrentSession session) {
        return memberships
                .find(orgId, session.userId())
                .switchIfEmpty(Mono.error(ApiError.NOT_FOUND::exception))
                .flatMap(member -> memberships
                        .list(orgId, page * size, size)
                        .map(MemberResponse::of)
                        .collectList()
                        .zipWith(
                                memberships.count(orgId),
                                (items, total) -> new MemberResponse.Page(items, page, size, total)));
    }

    @PostMapping
    @Operation(
            summary = "Invite a member",
            description = "Never makes a membership by itself: the address gets an invitation email (valid 7 days) "
                    + "naming who invited, the organization and the role, and becomes a member only by accepting it "
                    + "(POST /api/v1/invitations/accept). The answer is the same whether or not the address has an "
                    + "account. A new invitation to the same person replaces an open one. Owners and admins only; "
                    + "only owners invite owners or grant permissions. Inviting an owner or granting "
                    + "MANAGE_ORG_ACCESS needs, from an actor with MFA, a second factor verified within the step-up "
                    + "window (403 mfa_step_up_required; POST /api/v1/auth/step-up). Rate-limited per organization "
                    + "(gatekeep.invitations.rate-limit.*).")
    @ApiResponse(responseCode = "201", description = "Invited (status INVITED)")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", description = "already_member", ref = OpenApiDocs.CONFLICT)
    @ApiResponse(responseCode = "429", ref = OpenApiDocs.RATE_LIMITED)
    Mono<ResponseEntity<InvitationResponse>> add(
            @PathVariable UUID orgId,
            @Valid @RequestBody AddMemberRequest body,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        NewMember request =
                new NewMember(body.email().trim(), body.displayName(), body.role(), grants(body.permissions()));
        return members.add(orgId, actor(session, http), request).map(outcome -> {
            if (outcome instanceof MemberOutcome.Invited invited) {
                return ResponseEntity.status(HttpStatus.CREATED)
                        .body(InvitationResponse.of(invited.invitation(), null));
            }
            respond(outcome);
            throw new IllegalStateException("Unexpected outcome " + outcome);
        });
    }

    @PutMapping("/{userId}")
    @Operation(
            summary = "Change a member's role and permissions",
            description = "Owners and admins; only owners change owners or grant/revoke permissions; the last owner "
                    + "cannot be demoted. Making someone an owner, demoting an owner or granting MANAGE_ORG_ACCESS "
                    + "needs, from an actor with MFA, a second factor verified within the step-up window (403 "
                    + "mfa_step_up_required; POST /api/v1/auth/step-up).")
    @ApiResponse(responseCode = "200", description = "The member after the change")
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = OpenApiDocs.CONFLICT)
    Mono<MemberResponse> update(
            @PathVariable UUID orgId,
            @PathVariable UUID userId,
            @Valid @RequestBody UpdateMemberRequest body,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        Set<Permission> requested = body.permissions() == null ? null : grants(body.permissions());
        return members.update(orgId, actor(session, http), userId, body.role(), requested)
                .map(this::respond);
    }

    @DeleteMapping("/{userId}")
    @Operation(
            summary = "Remove a member",
            description = "Owners and admins; only owners remove owners; the last "
                    + "owner cannot be removed. Removing an owner needs, from an actor with MFA, a second factor verified "
                    + "within the step-up window (403 mfa_step_up_required; POST /api/v1/auth/step-up).")
    @ApiResponse(responseCode = "204", description = "Removed")
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "409", ref = OpenApiDocs.CONFLICT)
    Mono<ResponseEntity<Void>> remove(
            @PathVariable UUID orgId,
            @PathVariable UUID userId,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        return members.remove(orgId, actor(session, http), userId).map(outcome -> {
            respond(outcome);
            return ResponseEntity.noContent().build();
        });
    }

    /** Maps every member outcome: the body for successes, the problem for rejections. */
    private MemberResponse respond(MemberOutcome outcome) {
        if (outcome instanceof MemberOutcome.Done done) {
            return MemberResponse.of(done.member());
        }
        if (outcome instanceof MemberOutcome.Removed) {
            return null;
        }
        if (outcome instanceof MemberOutcome.Forbidden forbidden) {
            throw ApiError.FORBIDDEN.exception(forbidden.reason());
        }
        if (outcome instanceof MemberOutcome.LastOwner) {
            throw LAST_OWNER.exception();
        }
        if (outcome instanceof MemberOutcome.AlreadyMember) {
            throw ALREADY_MEMBER.exception();
        }
        if (outcome instanceof MemberOutcome.StepUpRequired) {
            throw StepUpGuard.STEP_UP_REQUIRED.exception();
        }
        if (outcome instanceof MemberOutcome.RateLimited limited) {
            throw ApiError.RATE_LIMITED.exception().withRetryAfter(limited.retryAfter());
        }
        throw ApiError.NOT_FOUND.exception();
    }

    private Actor actor(CurrentSession session, ServerHttpRequest http) {
        return new Actor(session.userId(), session.sessionId(), clientIps.of(http));
    }

    private static Set<Permission> grants(Set<Permission> permissions) {
        return permissions == null || permissions.isEmpty() ? Set.of() : EnumSet.copyOf(permissions);
    }
}
