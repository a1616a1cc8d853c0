package io.gatekeep.api.invitations;

import io.gatekeep.api.accounts.model.PasswordPolicy;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.SessionKind;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.gatekeep.api.web.Problem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Invitations")
class InvitationController {

    static final ApiError INVITATION_NOT_FOUND =
            new ApiError(HttpStatus.NOT_FOUND, "invitation_not_found", "No open invitation matches this token");
    static final ApiError INVITATION_EXPIRED =
            new ApiError(HttpStatus.GONE, "invitation_expired", "The invitation has expired; ask for a new one");
    static final ApiError INVITATION_ALREADY_USED =
            new ApiError(HttpStatus.CONFLICT, "invitation_already_used", "The invitation was answered already");
    static final ApiError SIGN_IN_REQUIRED = new ApiError(
            HttpStatus.UNAUTHORIZED,
            "sign_in_required",
            "This address has an account: sign in and accept with your session");
    static final ApiError INVITATION_FOR_ANOTHER_ACCOUNT = new ApiError(
            HttpStatus.FORBIDDEN,
            "invitation_for_another_account",
            "This invitation was sent to another address than your account's");
    static final ApiError MFA_VERIFICATION_REQUIRED = new ApiError(
            HttpStatus.FORBIDDEN,
            "mfa_verification_required",
            "Your account has MFA: accept from a session signed in with your second factor");

    private final InvitationService invitations;
    private final ClientIps clientIps;

    InvitationController(InvitationService invitations, ClientIps clientIps) {
        this.invitations = invitations;
        this.clientIps = clientIps;
    }

    @Schema(name = "AcceptInvitationRequest")
    record AcceptRequest(
            @NotBlank @Size(max = 256) String token,

            @Schema(
                    description = "Only for an address without an account (sent without a session). "
                            + PasswordPolicy.DESCRIPTION)
            @Size(max = 1024)
            String password) {
        @Override
        public String toString() {
            return "AcceptRequest[]";
        }
    }

    @Schema(name = "DeclineInvitationRequest")
    record DeclineRequest(@NotBlank @Size(max = 256) String token) {
        @Override
        public String toString() {
            return "DeclineRequest[]";
        }
    }

    @Schema(name = "AcceptInvitationResponse")
    record AcceptResponse(UUID organizationId, UUID userId, String status) {}

    @Schema(name = "DeclineInvitationResponse")
    record DeclineResponse(
            @Schema(allowableValues = {"DECLINED"}) String status) {}

    @PostMapping("/api/v1/invitations/accept")
    @SecurityRequirement(name = OpenApiDocs.BEARER)
    @Operation(
            summary = "Accept an invitation",
            description = "Redeems the one-time token from the invitation email (valid 7 days, single use) and makes "
                    + "the membership it offers. An address that has an account accepts with that account's session "
                    + "(Authorization; MFA-verified when the account has MFA) and no password; the token only works "
                    + "for the address it was sent to. An address without an account sends a password instead, "
                    + "which activates its account (the token proves the address); then sign in as usual.")
    @ApiResponse(responseCode = "200", description = "Accepted; the caller is a member")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(
            responseCode = "401",
            description = "sign_in_required, unauthenticated",
            ref = OpenApiDocs.UNAUTHENTICATED)
    @ApiResponse(
            responseCode = "403",
            description = "invitation_for_another_account, mfa_verification_required",
            ref = OpenApiDocs.FORBIDDEN)
    @ApiResponse(responseCode = "404", description = "invitation_not_found", ref = OpenApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "invitation_already_used", ref = OpenApiDocs.CONFLICT)
    @ApiResponse(responseCode = "410", description = "invitation_expired", ref = OpenApiDocs.GONE)
    Mono<AcceptResponse> accept(
            @Valid @RequestBody AcceptRequest body,
            @AuthenticationPrincipal CurrentSession session,
            ServerHttpRequest http) {
        String clientIp = clientIps.of(http);
        if (session != null) {
            if (session.kind() != SessionKind.FULL) {
                return Mono.error(ApiError.FORBIDDEN.exception("Sign in fully to accept an invitation"));
            }
            return invitations
                    .acceptWithSession(body.token().trim(), session, clientIp)
                    .map(InvitationController::respond);
        }
        // checked here rather than by @ValidPassword: a password is required only without a session
        List<String> violations = PasswordPolicy.violations(body.password());
        if (!violations.isEmpty()) {
            return Mono.error(ApiError.VALIDATION_FAILED
                    .exception()
                    .withProperty(
                            "errors",
                            violations.stream()
                                    .map(violation -> new Problem.FieldProblem("password", violation))
                                    .toList()));
        }
        return invitations
                .acceptWithPassword(body.token().trim(), body.password(), clientIp)
                .map(InvitationController::respond);
    }

    @PostMapping("/api/v1/invitations/decline")
    @Operation(
            summary = "Decline an invitation",
            description = "Answers the invitation with no: no membership is made and the token stops working. "
                    + "Needs only the token from the email.")
    @ApiResponse(responseCode = "200", description = "Declined")
    @ApiResponse(responseCode = "400", ref = OpenApiDocs.VALIDATION_FAILED)
    @ApiResponse(responseCode = "404", description = "invitation_not_found", ref = OpenApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", description = "invitation_already_used", ref = OpenApiDocs.CONFLICT)
    @ApiResponse(responseCode = "410", description = "invitation_expired", ref = OpenApiDocs.GONE)
    Mono<DeclineResponse> decline(@Valid @RequestBody DeclineRequest body, ServerHttpRequest http) {
        return invitations.decline(body.token().trim(), clientIps.of(http)).map(outcome -> {
            if (outcome instanceof InvitationService.Outcome.Declined) {
                return new DeclineResponse("DECLINED");
            }
            respond(outcome);
            throw new IllegalStateException("Unexpected outcome " + outcome);
        });
    }

    private static AcceptResponse respond(InvitationService.Outcome outcome) {
        if (outcome instanceof InvitationService.Outcome.Accepted accepted) {
            return new AcceptResponse(accepted.organizationId(), accepted.userId(), "ACTIVE");
        }
        if (outcome instanceof InvitationService.Outcome.Expired) {
            throw INVITATION_EXPIRED.exception();
        }
        if (outcome instanceof InvitationService.Outcome.AlreadyUsed) {
            throw INVITATION_ALREADY_USED.exception();
        }
        if (outcome instanceof InvitationService.Outcome.SignInRequired) {
            throw SIGN_IN_REQUIRED.exception();
        }
        if (outcome instanceof InvitationService.Outcome.NotYourInvitation) {
            throw INVITATION_FOR_ANOTHER_ACCOUNT.exception();
        }
        if (outcome instanceof InvitationService.Outcome.MfaVerificationRequired) {
            throw MFA_VERIFICATION_REQUIRED.exception();
        }
        if (outcome instanceof InvitationService.Outcome.PasswordRequired) {
            throw ApiError.VALIDATION_FAILED
                    .exception()
                    .withProperty(
                            "errors",
                            List.of(new Problem.FieldProblem(
                                    "password", "is required: this address has no account yet")));
        }
        throw INVITATION_NOT_FOUND.exception();
    }
}
