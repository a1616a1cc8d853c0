package io.gatekeep.api.accounts;

import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.organizations.model.Permission;
import io.gatekeep.api.organizations.model.Role;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Accounts")
class MeController {

    private final Users users;
    private final Memberships memberships;
    private final ObjectProvider<MfaStatusSource> mfaStatus;

    MeController(Users users, Memberships memberships, ObjectProvider<MfaStatusSource> mfaStatus) {
        this.users = users;
        this.memberships = memberships;
        this.mfaStatus = mfaStatus;
    }

    @Schema(name = "Me")
    record MeResponse(
            User user,
            List<Organization> organizations,
            boolean mfaEnabled,
            Instant mfaEnabledAt,

            @Schema(description = "Whether an organization of the user enforces MFA")
            boolean mfaRequired) {
        record User(UUID id, String email, String displayName, String status, Instant createdAt) {}

        record Organization(UUID id, String name, Role role, List<Permission> permissions) {}
    }

    @GetMapping("/api/v1/me")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(summary = "The signed-in user, their organizations (role and effective permissions) and MFA state")
    @ApiResponse(responseCode = "200", description = "The profile")
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    Mono<MeResponse> me(@AuthenticationPrincipal CurrentSession session) {
        MfaStatusSource source = mfaStatus.getIfAvailable();
        Mono<MfaStatus> mfa = source == null
                ? Mono.just(MfaStatus.NONE)
                : source.statusOf(session.userId()).defaultIfEmpty(MfaStatus.NONE);
        Mono<List<MeResponse.Organization>> organizations = memberships
                .ofUser(session.userId())
                .map(m -> new MeResponse.Organization(
                        m.organizationId(),
                        m.organizationName(),
                        m.member().role(),
                        m.member().permissions().stream().sorted().toList()))
                .collectList();
        return users.findById(session.userId())
                .switchIfEmpty(Mono.error(ApiError.UNAUTHENTICATED::exception))
                .zipWith(organizations)
                .zipWith(
                        mfa,
                        (userAndOrgs, status) -> new MeResponse(
                                new MeResponse.User(
                                        userAndOrgs.getT1().id(),
                                        userAndOrgs.getT1().email(),
                                        userAndOrgs.getT1().displayName(),
                                        userAndOrgs.getT1().status().name(),
                                        userAndOrgs.getT1().createdAt()),
                                userAndOrgs.getT2(),
                                status.enabled(),
                                status.enabledAt(),
                                status.required()));
    }
}
