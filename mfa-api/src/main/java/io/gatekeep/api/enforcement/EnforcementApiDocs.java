package io.gatekeep.api.enforcement;

import io.gatekeep.api.mfa.verification.StepUpGuard;
import io.gatekeep.api.web.ApiError;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The enforcement problems and their reusable OpenAPI responses, registered next to the common ones of
 * {@code web.OpenApiConfiguration} (kept here so the feature documents itself).
 */
@Configuration(proxyBeanMethods = false)
class EnforcementApiDocs {

    static final ApiError ACTOR_MFA_NOT_ENABLED_ERROR = new ApiError(
            HttpStatus.CONFLICT, "actor_mfa_not_enabled", "Turn on MFA for your own account before you enforce it");
    static final ApiError MFA_STEP_UP_REQUIRED_ERROR = StepUpGuard.STEP_UP_REQUIRED;

    private static final String RESPONSES = "#/components/responses/";
    static final String FORBIDDEN_OR_STEP_UP = RESPONSES + "EnforcementForbidden";
    static final String ACTOR_MFA_NOT_ENABLED = RESPONSES + "ActorMfaNotEnabled";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Bean
    OpenApiCustomizer enforcementProblemResponses() {
        return openApi -> {
            openApi.getComponents()
                    .addResponses(
                            "EnforcementForbidden",
                            problem(
                                    "Not allowed, or the session must first pass MFA",
                                    Map.of(
                                            "forbidden",
                                            "Only owners and members holding MANAGE_ORG_ACCESS",
                                            MFA_STEP_UP_REQUIRED_ERROR.code(),
                                            "No code from the actor's authenticator app verified "
                                                    + "for this session within the step-up window: POST /api/v1/auth/step-up")));
            openApi.getComponents()
                    .addResponses(
                            "ActorMfaNotEnabled",
                            problem(
                                    "The actor has no MFA",
                                    Map.of(ACTOR_MFA_NOT_ENABLED_ERROR.code(), ACTOR_MFA_NOT_ENABLED_ERROR.title())));
            if (openApi.getInfo() != null
                    && openApi.getInfo().getDescription() != null
                    && !openApi.getInfo().getDescription().contains(ACTOR_MFA_NOT_ENABLED_ERROR.code())) {
                openApi.getInfo()
                        .setDescription(openApi.getInfo().getDescription()
                                + " MFA enforcement adds mfa_step_up_required (403) and actor_mfa_not_enabled (409).");
            }
        };
    }

    private static ApiResponse problem(String description, Map<String, String> codes) {
        MediaType mediaType = new MediaType().schema(new Schema<>().$ref(PROBLEM_REF));
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
