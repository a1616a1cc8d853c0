package io.gatekeep.api.mfa;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** The body of the requests that carry one TOTP code: confirming a setup, turning MFA off. */
@Schema(name = "MfaCodeRequest")
public record MfaCodeRequest(
        @NotBlank @Size(max = 32) @Schema(example = "123456")
        String code) {

    @Override
    public String toString() {
        return "MfaCodeRequest[]";
    }
}
