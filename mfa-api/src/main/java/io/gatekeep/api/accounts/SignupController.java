package io.gatekeep.api.accounts;

import io.gatekeep.api.accounts.model.PasswordPolicy;
import io.gatekeep.api.accounts.model.PlainName;
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
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

@RestController
@Tag(name = "Accounts")
class SignupController {

    static final ApiError EMAIL_TAKEN =
            new ApiError(HttpStatus.CONFLICT, "email_taken", "An account with this email already exists");

    private final SignupService signup;
    private final ClientIps clientIps;

    SignupController(SignupService signup, ClientIps clientIps) {
        this.signup = signup;
        this.clientIps = clientIps;
    }

    @Schema(name = "SignupRequest")
    record SignupRequest(@Schema(description = PlainName.DESCRIPTION) @NotBlank @ValidName String organizationName,
                         @NotBlank @ValidEmail @Size(max = 320) String email,
                         @Schema(description = PasswordPolicy.DESCRIPTION) @NotBlank @ValidPassword String password,
                         @Schema(description = PlainName.DESCRIPTION) @NotBlank @ValidName String displayName) {
        @Override
        public String toString() {
            return "SignupRequest[organizationName=" + organizationName + "]";
        }
    }

    @Schema(name = "SignupResponse")
    record SignupResponse(Organization organization, Owner owner) {
        record Organization(UUID id, String name, Instant createdAt) {
        }

        record Owner(UUID id, String email, String displayName, String role) {
        }
    }

    @PostMapping("/api/v1/signup")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an organization and its owner account")
    @ApiResponse(responseCode = "201", description = "The new organization and its owner")
    @ApiResponse(responseCode = "409", ref = OpenApiDocs.CONFLICT)
    Mono<SignupResponse> signUp(@Valid @RequestBody SignupRequest body, ServerHttpRequest http) {
        return signup.signUp(body.organizationName().trim(), body.email().trim(), body.password(),
                        body.displayName().trim(), clientIps.of(http))
                .map(outcome -> {
                    if (outcome instanceof SignupService.Outcome.SignedUp done) {
                        return new SignupResponse(
                                new SignupResponse.Organization(done.organizationId(), done.organizationName(),
                                        done.createdAt()),
                                new SignupResponse.Owner(done.owner().id(), done.owner().email(),
                                        done.owner().displayName(), "OWNER"));
                    }
                    throw EMAIL_TAKEN.exception();
                });
    }
}
