package io.gatekeep.api.mfa;

import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The MFA problem responses in the OpenAPI description, referenced by the MFA controllers. */
@Configuration(proxyBeanMethods = false)
public class MfaOpenApi {

    private static final String RESPONSES = "#/components/responses/";
    public static final String MFA_CONFLICT = RESPONSES + "MfaConflict";
    public static final String MFA_DISABLE_CONFLICT = RESPONSES + "MfaDisableConflict";
    public static final String SETUP_SESSION_EXPIRED = RESPONSES + "SetupSessionExpired";
    public static final String QR_EXPIRED = RESPONSES + "QrExpired";
    public static final String INVALID_CODE = RESPONSES + "InvalidCode";
    public static final String SIGN_IN_CODE_REFUSED = RESPONSES + "SignInCodeRefused";
    public static final String CHALLENGE_EXPIRED = RESPONSES + "ChallengeExpired";
    public static final String LOCKED_OUT = RESPONSES + "LockedOut";
    public static final String STEP_UP_REQUIRED = RESPONSES + "StepUpRequired";

    @Bean
    OpenApiCustomizer mfaProblemResponses() {
        return openApi -> {
            var components = openApi.getComponents();
            components.addResponses(
                    "MfaConflict",
                    problem(
                            "MFA is already on, or a concurrent change won",
                            Map.of("mfa_already_enabled", "MFA is already enabled", "conflict", "Retry the request")));
            components.addResponses(
                    "MfaDisableConflict",
                    problem(
                            "MFA cannot be turned off",
                            Map.of(
                                    "mfa_enforced",
                                    "An organization of the user enforces MFA",
                                    "mfa_not_enabled",
                                    "MFA is not on")));
            components.addResponses(
                    "SetupSessionExpired",
                    problem(
                            "No live setup session",
                            Map.of(
                                    "setup_session_expired",
                                    "Setup sessions last 3 minutes; the session that started "
                                            + "it is ended too, sign in again",
                                    "unauthenticated",
                                    "Missing or ended session")));
            components.addResponses(
                    "QrExpired",
                    problem(
                            "The QR code is older than 60 s",
                            Map.of("qr_expired", "Request a fresh one with POST /api/v1/me/mfa/setup/qr")));
            components.addResponses(
                    "InvalidCode",
                    problem(
                            "Wrong code (counts toward the lockout)",
                            Map.of(
                                    "invalid_code",
                                    "The code does not match",
                                    "code_already_used",
                                    "This code (or a newer one) was accepted already")));
            components.addResponses(
                    "SignInCodeRefused",
                    problem(
                            "Wrong or replayed code (counts toward the lockout)",
                            Map.of(
                                    "invalid_code",
                                    "Neither a current code nor the recovery code",
                                    "code_already_used",
                                    "This code (or a newer one) was accepted already")));
            components.addResponses(
                    "ChallengeExpired",
                    problem(
                            "Unknown, used or expired challenge",
                            Map.of("challenge_expired", "Challenges last 5 minutes and are used once; sign in again")));
            components.addResponses(
                    "LockedOut",
                    problem(
                                    "Too many wrong codes; see Retry-After",
                                    Map.of(
                                            "locked_out",
                                            "5 wrong codes in a row lock MFA for 15 minutes, longer on repeat"))
                            .addHeaderObject(
                                    "Retry-After",
                                    new Header()
                                            .description("Seconds until the lock ends")
                                            .schema(new IntegerSchema())));
            components.addResponses(
                    "StepUpRequired",
                    problem(
                            "The session must verify its second factor again",
                            Map.of(
                                    StepUpGuard.STEP_UP_REQUIRED.code(),
                                    "No second factor verified for this session within "
                                            + "gatekeep.sessions.step-up-window: POST /api/v1/auth/step-up, then try again")));
            if (openApi.getInfo() != null && openApi.getInfo().getDescription() != null) {
                openApi.getInfo().setDescription(openApi.getInfo().getDescription() + """
                         MFA codes: setup_session_expired, challenge_expired (401), mfa_setup_required (403, a \
                        setup token outside the setup endpoints), mfa_already_enabled, mfa_not_enabled, \
                        mfa_enforced (409), qr_expired (410), invalid_code, code_already_used (422), \
                        locked_out (429, Retry-After). Sensitive actions answer mfa_step_up_required (403) to a \
                        session whose second factor is older than the step-up window.""");
            }
        };
    }

    private static ApiResponse problem(String description, Map<String, String> codes) {
        MediaType mediaType = new MediaType().schema(new Schema<>().$ref("#/components/schemas/Problem"));
        Map<String, Example> examples = new LinkedHashMap<>();
        codes.forEach((code, summary) -> examples.put(
                code,
                new Example().summary(summary).value(Map.of("type", "about:blank", "title", summary, "code", code))));
        mediaType.setExamples(examples);
        return new ApiResponse()
                .description(description)
                .content(new Content().addMediaType("application/problem+json", mediaType));
    }
}
