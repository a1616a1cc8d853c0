package io.gatekeep.api.sessions;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatekeep.api.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The body of a successful sign-in step. Exactly one token is present, matching {@code status}:
 * {@code AUTHENTICATED} → {@code sessionToken}, {@code MFA_REQUIRED} → {@code challengeToken},
 * {@code MFA_SETUP_REQUIRED} → {@code setupToken}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "SignInResponse")
public record SignInResponse(
        @Schema(allowableValues = {"AUTHENTICATED", "MFA_REQUIRED", "MFA_SETUP_REQUIRED"})
        String status,

        @Schema(description = "Bearer token for Authorization headers (AUTHENTICATED)")
        String sessionToken,

        @Schema(description = "Token for POST /api/v1/auth/mfa (MFA_REQUIRED)")
        String challengeToken,

        @Schema(description = "Setup-only bearer token (MFA_SETUP_REQUIRED)")
        String setupToken,

        Instant expiresAt,

        @Schema(description = "True when signing in with the recovery code turned MFA off")
        Boolean mfaDisabled) {

    /**
     * The response for a successful outcome.
     *
     * @throws io.gatekeep.api.web.ApiException for a rejection ({@code invalid_credentials}, {@code rate_limited})
     */
    public static SignInResponse from(SignInOutcome outcome) {
        if (outcome instanceof SignInOutcome.Authenticated a) {
            return new SignInResponse(
                    "AUTHENTICATED",
                    a.session().token(),
                    null,
                    null,
                    a.session().expiresAt(),
                    null);
        }
        if (outcome instanceof SignInOutcome.MfaRequired m) {
            return new SignInResponse("MFA_REQUIRED", null, m.challengeToken(), null, m.expiresAt(), null);
        }
        if (outcome instanceof SignInOutcome.MfaSetupRequired s) {
            return new SignInResponse("MFA_SETUP_REQUIRED", null, null, s.setupToken(), s.expiresAt(), null);
        }
        if (outcome instanceof SignInOutcome.EmailNotVerified) {
            throw ApiError.EMAIL_NOT_VERIFIED.exception();
        }
        if (outcome instanceof SignInOutcome.RateLimited r) {
            throw ApiError.RATE_LIMITED.exception().withRetryAfter(r.retryAfter());
        }
        throw ApiError.INVALID_CREDENTIALS.exception();
    }

    public SignInResponse withMfaDisabled() {
        return new SignInResponse(status, sessionToken, challengeToken, setupToken, expiresAt, Boolean.TRUE);
    }

    @Override
    public String toString() {
        return "SignInResponse[status=" + status + ", expiresAt=" + expiresAt + "]";
    }
}
