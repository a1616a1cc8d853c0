package io.gatekeep.api.audit;

import io.gatekeep.api.audit.model.AuditAccessPolicy;
import io.gatekeep.api.audit.model.AuditCursor;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Audit")
class AuditController {

    private final Memberships memberships;
    private final AuditEntries entries;

    AuditController(Memberships memberships, AuditEntries entries) {
        this.memberships = memberships;
        this.entries = entries;
    }

    @Schema(name = "AuditEntry")
    record AuditEntryResponse(
            long id,
            UUID eventId,
            String action,
            UUID organizationId,
            UUID userId,
            UUID actorUserId,
            String clientIp,
            Instant occurredAt,
            Instant recordedAt,
            Map<String, Object> details) {}

    @Schema(name = "AuditPage")
    record AuditPage(
            List<AuditEntryResponse> entries,

            @Schema(description = "Pass as ?cursor= for the next (older) page; absent on the last page")
            String nextCursor) {}

    @GetMapping("/api/v1/organizations/{orgId}/audit")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(
            summary = "The organization's audit trail, newest first",
            description = "What happened in the organization: invitations, joins, leaves, role and permission "
                    + "changes, enforcement changes, and members' MFA turned on or off (as compliance facts, without "
                    + "client IP), from the time each member joined. Never a member's sign-ins, failures, lockouts, "
                    + "password changes or IP addresses: those are in the member's own security log "
                    + "(GET /api/v1/me/security-events). Owners and admins only. Keyset-paged: follow nextCursor for "
                    + "older entries.")
    @ApiResponse(responseCode = "200", description = "One page of entries")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(responseCode = "403", ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", ref = OpenApiDocs.NOT_FOUND)
    Mono<AuditPage> audit(
            @PathVariable UUID orgId,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal CurrentSession session) {
        AuditCursor after = cursor(cursor);
        return memberships
                .find(orgId, session.userId())
                .switchIfEmpty(Mono.error(ApiError.NOT_FOUND::exception))
                .filter(AuditAccessPolicy::mayRead)
                .switchIfEmpty(
                        Mono.error(() -> ApiError.FORBIDDEN.exception("Only owners and admins read the audit trail")))
                .flatMap(member -> entries.page(orgId, after, limit + 1).collectList())
                .map(rows -> page(rows, limit));
    }

    @GetMapping("/api/v1/me/security-events")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(
            summary = "The caller's own security log, newest first",
            description = "Account-level events of the signed-in account only: sign-ins and sign-outs, failed "
                    + "sign-ins, MFA set up, verified, failed, locked out, turned on or off, recovery code used, with "
                    + "client IPs. No organization sees these. Keyset-paged like the audit trail.")
    @ApiResponse(responseCode = "200", description = "One page of events (organizationId is null)")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "401", ref = OpenApiDocs.UNAUTHENTICATED)
    Mono<AuditPage> securityEvents(
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit,
            @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
            @AuthenticationPrincipal CurrentSession session) {
        AuditCursor after = cursor(cursor);
        return entries.securityLog(session.userId(), after, limit + 1)
                .collectList()
                .map(rows -> page(rows, limit));
    }

    private static AuditCursor cursor(String cursor) {
        return cursor == null || cursor.isBlank()
                ? null
                : AuditCursor.decode(cursor)
                        .orElseThrow(() -> ApiError.VALIDATION_FAILED
                                .exception()
                                .withProperty(
                                        "errors",
                                        List.of(new Problem.FieldProblem("cursor", "is not a valid cursor"))));
    }

    private static AuditPage page(List<AuditEntryResponse> rows, int limit) {
        boolean more = rows.size() > limit;
        List<AuditEntryResponse> page = more ? rows.subList(0, limit) : rows;
        String next = more
                ? new AuditCursor(
                                page.get(limit - 1).occurredAt(),
                                page.get(limit - 1).id())
                        .encode()
                : null;
        return new AuditPage(page, next);
    }
}
