package io.gatekeep.api.invitations;

import io.gatekeep.api.accounts.ValidPassword;
import io.gatekeep.api.accounts.model.PasswordPolicy;
import io.gatekeep.api.web.ApiError;
import io.gatekeep.api.web.ClientIps;
import io.gatekeep.api.web.OpenApiDocs;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Invitations")
class InvitationController {

    static final ApiError INVITATION_NOT_FOUND = new ApiError(HttpStatus.NOT_FOUND, "invitation_not_found",
            "No open invitation matches this token");
    static final ApiError INVITATION_EXPIRED = new ApiError(HttpStatus.GONE, "invitation_expired",
            "The invitation has expired; ask for a new one");
    static final ApiError INVITATION_ALREADY_USED = new ApiError(HttpStatus.CONFLICT, "invitation_already_used",
            "The invitation was accepted already");

    private final InvitationService invitations;
    private final ClientIps clientIps;

    InvitationController(InvitationService invitations, ClientIps clientIps) {
        this.invitations = invitations;
        this.clientIps = clientIps;
    }

    @Schema(name = "AcceptInvitationRequest")
    record AcceptRequest(@NotBlank @Size(max = 256) String token,
                         @Schema(description = PasswordPolicy.DESCRIPTION) @NotBlank @ValidPassword String password) {
        @Override
        public String toString() {
            return "AcceptRequest[]";
        }
    }

    @Schema(name = "AcceptInvitationResponse")
    record AcceptResponse(UUID organizationId, UUID userId, String status) {
    }

    @PostMapping("/api/v1/invitations/accept")
    @Operation(summary = "Accept an invitation",
            description = "Redeems the one-time token from the invitation email (valid 7 days, single use), sets the "
                    + "password and activates the account. Then sign in as usual.")
    @ApiResponse(responseCode = "200", description = "Accepted; the account is active")
    @ApiResponse(responseCode = "404", description = "invitation_not_found", ref = OpenApiDocs.NOT_FOUND)
    @ApiResponse(responseCode = "409", ref = OpenApiDocs.CONFLICT)
    @ApiResponse(responseCode = "410", ref = OpenApiDocs.GONE)
    Mono<AcceptResponse> accept(@Valid @RequestBody AcceptRequest body, ServerHttpRequest http) {
        return invitations.accept(body.token().trim(), body.password(), clientIps.of(http))
                .map(InvitationController::respond);
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
        throw INVITATION_NOT_FOUND.exception();
    }
}
