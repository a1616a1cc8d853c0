package io.gatekeep.api.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description: bearer security, the problem schema, and a reusable response per problem code. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    @Bean
    OpenAPI gatekeepOpenApi() {
        Components components = new Components()
                .addSecuritySchemes(
                        OpenApiDocs.BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .description("Session token from POST /api/v1/auth/sign-in"));
        ModelConverters.getInstance().read(Problem.class).forEach(components::addSchemas);
        components.addResponses(
                "ValidationFailed",
                problem(
                        "Invalid fields or body",
                        Map.of(
                                "validation_failed",
                                "A field failed validation (see errors)",
                                "malformed_request",
                                "The body is not valid JSON")));
        components.addResponses(
                "InvalidCredentials",
                problem("Wrong email or password", Map.of("invalid_credentials", "Same answer for an unknown email")));
        components.addResponses(
                "Unauthenticated",
                problem(
                        "Missing, expired or revoked session token",
                        Map.of(
                                "unauthenticated",
                                "Sign in again",
                                "sign_in_required",
                                "The invited address has an account: accept with its session")));
        components.addResponses(
                "Forbidden",
                problem(
                        "The caller's role does not allow this",
                        Map.of(
                                "forbidden",
                                "Only owners and admins manage members",
                                "invitation_for_another_account",
                                "The invitation was sent to another address",
                                "mfa_verification_required",
                                "Accept from a session verified with the second factor",
                                "email_not_verified",
                                "Sign-in: the right password of a signup whose address is not "
                                        + "confirmed yet (the confirmation email is sent again, at most every 10 minutes)",
                                "mfa_step_up_required",
                                "Changing the password: use a session verified with the second " + "factor")));
        components.addResponses(
                "NotFound",
                problem(
                        "Not found (also when the caller is not a member)",
                        Map.of("not_found", "No such organization or member")));
        components.addResponses(
                "Conflict",
                problem(
                        "The change conflicts with the current state",
                        Map.of(
                                "already_member",
                                "The user is already a member",
                                "last_owner",
                                "The last owner cannot be removed or demoted",
                                "invitation_already_used",
                                "The invitation was accepted or declined already",
                                "not_cancellable",
                                "The support reset was already released, resolved or sent back to an " + "agent")));
        components.addResponses(
                "Gone",
                problem(
                        "Expired",
                        Map.of(
                                "invitation_expired",
                                "Invitations last 7 days",
                                "token_expired",
                                "Signup confirmation links last 24 hours, password reset links 1 hour, cancel links "
                                        + "of a support reset until its reset time (and every link works once)")));
        components.addResponses(
                "InvalidToken",
                problem(
                        "An emailed one-time token that does not work, or invalid " + "fields",
                        Map.of(
                                "invalid_token",
                                "Unknown, replaced by a later one, or used already",
                                "validation_failed",
                                "A field failed validation (see errors)")));
        components.addResponses(
                "Unavailable",
                problem(
                        "A service behind the API did not answer; try again",
                        Map.of("desk_unavailable", "The support desk cannot be reached right now")));
        components.addResponses(
                "RateLimited",
                problem(
                                "Too many attempts; see Retry-After",
                                Map.of(
                                        "rate_limited",
                                        "Too many attempts (sign-in, signup, password reset, invitations …)"))
                        .addHeaderObject(
                                "Retry-After",
                                new Header().description("Seconds to wait").schema(new IntegerSchema())));
        return new OpenAPI()
                .info(new Info().title("Gatekeep MFA API").version("v1").description("""
                        Accounts, sessions, organizations and members. Every error is RFC 9457 \
                        application/problem+json with a stable `code`: validation_failed, malformed_request, \
                        invalid_token (400), invalid_credentials, unauthenticated, sign_in_required (401), forbidden, \
                        invitation_for_another_account, mfa_verification_required, email_not_verified, \
                        mfa_step_up_required (403), not_found (404), already_member, last_owner, \
                        invitation_already_used, not_cancellable (409), invitation_expired, token_expired (410), payload_too_large \
                        (413), rate_limited (429, Retry-After), internal_error (500), desk_unavailable (503)."""))
                .components(components);
    }

    /** Every operation may also fail with 413 and 500; adding them here keeps controllers short. */
    @Bean
    OpenApiCustomizer commonProblemResponses() {
        return openApi -> openApi.getPaths()
                .values()
                .forEach(path -> path.readOperations().forEach(operation -> {
                    ApiResponses responses = operation.getResponses();
                    if (operation.getRequestBody() != null) {
                        responses.putIfAbsent("400", new ApiResponse().$ref(OpenApiDocs.VALIDATION_FAILED));
                        responses.putIfAbsent(
                                "413",
                                problem(
                                        "Request body too large",
                                        Map.of("payload_too_large", "Bodies are limited in size")));
                    }
                    responses.putIfAbsent(
                            "500",
                            problem(
                                    "Unexpected error, without details",
                                    Map.of("internal_error", "Something went wrong on our side")));
                }));
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
