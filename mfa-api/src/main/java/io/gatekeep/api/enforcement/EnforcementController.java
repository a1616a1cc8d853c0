package io.gatekeep.api.enforcement;

import io.gatekeep.api.enforcement.EnforcementService.Actor;
import io.gatekeep.api.enforcement.EnforcementService.Compliance;
import io.gatekeep.api.enforcement.model.EnforcementSetting;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@RequestMapping("/api/v1/organizations/{orgId}")
@Tag(name = "MFA enforcement")
@SecurityRequirement(name = OpenApiDocs.BEARER)
@ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
@ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
class EnforcementController {

    private final EnforcementService enforcement;
    private final ClientIps clientIps;

    EnforcementController(EnforcementService enforcement, ClientIps clientIps) {
        this.enforcement = enforcement;
        this.clientIps = clientIps;
    }

    @Schema(name = "MfaEnforcementRequest")
    record EnforcementRequest(
            @NotNull Boolean enforced,

            @Schema(
                    description = "End the sessions of members without MFA when enforcement turns "
                            + "on (done by the worker). Omit to keep the organization's current choice "
                            + "(default false).")
            Boolean revokeNonCompliantSessions) {}

    @Schema(name = "MfaEnforcement")
    record EnforcementResponse(
            boolean enforced,

            @Schema(description = "When enforcement was last turned on or off; null if never")
            Instant changedAt,

            @Schema(description = "Who did it; null if never")
            UUID changedBy,

            boolean revokeNonCompliantSessions) {

        static EnforcementResponse of(EnforcementSetting setting) {
            return new EnforcementResponse(
                    setting.enforced(), setting.changedAt(), setting.changedBy(), setting.revokeNonCompliantSessions());
        }
    }

    @Schema(name = "MemberWithoutMfa")
    record MemberWithoutMfaResponse(
            UUID userId,
            String email,
            String displayName,
            @Schema(allowableValues = {"INVITED", "ACTIVE"}) String status,

            @Schema(allowableValues = {"OWNER", "ADMIN", "MEMBER"})
            String role,

            Instant joinedAt) {}

    @Schema(name = "MfaCompliance")
    record ComplianceResponse(
            boolean enforced,
            long members,
            long withMfa,
            long withoutMfa,

            @Schema(description = "One page of the members without MFA, in a stable order")
            List<MemberWithoutMfaResponse> membersWithoutMfa,

            @Schema(description = "Pass as ?cursor= for the next page; absent on the last page")
            String nextCursor) {

        static ComplianceResponse of(Compliance compliance) {
            return new ComplianceResponse(
                    compliance.setting().enforced(),
                    compliance.counts().members(),
                    compliance.counts().withMfa(),
                    compliance.counts().members() - compliance.counts().withMfa(),
                    compliance.withoutMfa().stream()
                            .map(m -> new MemberWithoutMfaResponse(
                                    m.userId(), m.email(), m.displayName(), m.status(), m.role(), m.joinedAt()))
                            .toList(),
                    compliance.nextAfter() == null
                            ? null
                            : compliance.nextAfter().toString());
        }
    }

    @GetMapping("/mfa-enforcement")
    @Operation(
            summary = "Whether the organization enforces MFA",
            description = "Owners, admins and members holding MANAGE_ORG_ACCESS.")
    @ApiResponse(responseCode = "200", description = "The current setting")
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    Mono<EnforcementResponse> read(@PathVariable UUID orgId, @AuthenticationPrincipal CurrentSession session) {
        return enforcement.read(orgId, session.userId()).map(outcome -> EnforcementResponse.of(found(outcome)));
    }

    @PutMapping("/mfa-enforcement")
    @Operation(
            summary = "Turn MFA enforcement on or off",
            description = "Owners, and members holding MANAGE_ORG_ACCESS. The actor must have MFA on their own "
                    + "account (409 actor_mfa_not_enabled) and their session must have verified a code of that "
                    + "credential within the step-up window, at sign-in or with POST /api/v1/auth/step-up (403 "
                    + "mfa_step_up_required: not a session from before MFA was enabled, nor one obtained with the "
                    + "recovery code, nor a pass older than gatekeep.sessions.step-up-window). Idempotent: asking for the "
                    + "current setting changes nothing and emits no event. Takes the same time whatever the "
                    + "organization's size: members without MFA are asked to set it up at their next sign-in, and "
                    + "the worker notifies them.")
    @ApiResponse(responseCode = "200", description = "The setting after the request")
    @ApiResponse(responseCode = "403", ref = EnforcementApiDocs.FORBIDDEN_OR_STEP_UP)
    @ApiResponse(responseCode = "409", ref = EnforcementApiDocs.ACTOR_MFA_NOT_ENABLED)
    Mono<EnforcementResponse> change(
            @PathVariable UUID orgId,
            @Valid @RequestBody EnforcementRequest body,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        Actor actor = new Actor(session.userId(), session.sessionId(), clientIps.of(http));
        return enforcement
                .request(orgId, actor, body.enforced(), body.revokeNonCompliantSessions())
                .map(this::respond);
    }

    @GetMapping("/mfa-compliance")
    @Operation(
            summary = "Who has MFA: counts, and the members still without it (paged)",
            description = "Owners, admins and members holding MANAGE_ORG_ACCESS. Members without MFA come in a "
                    + "stable order; follow nextCursor for the next page. Counts include invited members.")
    @ApiResponse(responseCode = "200", description = "Counts and one page of members without MFA")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    Mono<ComplianceResponse> compliance(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal CurrentSession session) {
        UUID after = cursor == null || cursor.isBlank() ? null : parseCursor(cursor);
        return enforcement
                .compliance(orgId, session.userId(), after, limit)
                .map(outcome -> ComplianceResponse.of(found(outcome)));
    }

    private EnforcementResponse respond(ToggleOutcome outcome) {
        if (outcome instanceof ToggleOutcome.Changed changed) {
            return EnforcementResponse.of(changed.setting());
        }
        if (outcome instanceof ToggleOutcome.Unchanged unchanged) {
            return EnforcementResponse.of(unchanged.setting());
        }
        if (outcome instanceof ToggleOutcome.Forbidden) {
            throw ApiError.FORBIDDEN.exception(
                    "Only owners and members holding MANAGE_ORG_ACCESS change MFA " + "enforcement");
        }
        if (outcome instanceof ToggleOutcome.ActorMfaNotEnabled) {
            throw EnforcementApiDocs.ACTOR_MFA_NOT_ENABLED_ERROR.exception();
        }
        if (outcome instanceof ToggleOutcome.StepUpRequired) {
            throw EnforcementApiDocs.MFA_STEP_UP_REQUIRED_ERROR.exception();
        }
        throw ApiError.NOT_FOUND.exception();
    }

    private static <T> T found(ViewOutcome<T> outcome) {
        if (outcome instanceof ViewOutcome.Found<T> found) {
            return found.value();
        }
        if (outcome instanceof ViewOutcome.Forbidden<T>) {
            throw ApiError.FORBIDDEN.exception("Only owners, admins and members holding MANAGE_ORG_ACCESS see this");
        }
        throw ApiError.NOT_FOUND.exception();
    }

    private static UUID parseCursor(String cursor) {
        try {
            return UUID.fromString(cursor);
        } catch (IllegalArgumentException e) {
            throw ApiError.VALIDATION_FAILED
                    .exception()
                    .withProperty("errors", List.of(new Problem.FieldProblem("cursor", "is not a valid cursor")));
        }
    }
}
