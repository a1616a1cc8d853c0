package io.gatekeep.api.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The RFC 9457 body every error response carries, plus the stable {@code code} member. Feature-specific members
 * ({@code errors} for validation failures, or what {@link ApiException#withProperty} adds) follow the standard ones.
 */
@Schema(name = "Problem", description = "RFC 9457 problem details with a stable machine-readable code")
public record Problem(
        @Schema(example = "about:blank") String type,
        @Schema(example = "Wrong email or password") String title,
        @Schema(example = "401") int status,
        @Schema(nullable = true) String detail,
        @Schema(example = "/api/v1/auth/sign-in") String instance,
        @Schema(example = "invalid_credentials") String code,

        @Schema(nullable = true, description = "Per-field errors (validation_failed only)")
        List<FieldProblem> errors) {

    /** One invalid field of a {@code validation_failed} problem. */
    @Schema(name = "FieldProblem")
    public record FieldProblem(
            @Schema(example = "email") String field,

            @Schema(example = "must be a well-formed email address")
            String message) {}

    static Map<String, Object> body(ApiError error, String detail, String instance, Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "about:blank");
        body.put("title", error.title());
        body.put("status", error.status().value());
        if (detail != null) {
            body.put("detail", detail);
        }
        body.put("instance", instance);
        body.put("code", error.code());
        body.putAll(extra);
        return body;
    }
}
