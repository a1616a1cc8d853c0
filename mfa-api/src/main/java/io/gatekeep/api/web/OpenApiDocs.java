package io.gatekeep.api.web;

/**
 * Names for the OpenAPI document: the bearer scheme and one reusable response per problem code, so controllers
 * reference them in {@code @ApiResponse(ref = …)} instead of repeating schemas.
 */
public final class OpenApiDocs {

    public static final String BEARER = "bearer";
    private static final String RESPONSES = "#/components/responses/";

    public static final String VALIDATION_FAILED = RESPONSES + "ValidationFailed";
    public static final String INVALID_CREDENTIALS = RESPONSES + "InvalidCredentials";
    public static final String UNAUTHENTICATED = RESPONSES + "Unauthenticated";
    public static final String FORBIDDEN = RESPONSES + "Forbidden";
    public static final String NOT_FOUND = RESPONSES + "NotFound";
    public static final String CONFLICT = RESPONSES + "Conflict";
    public static final String GONE = RESPONSES + "Gone";
    public static final String UNAVAILABLE = RESPONSES + "Unavailable";
    public static final String RATE_LIMITED = RESPONSES + "RateLimited";
    public static final String INVALID_TOKEN = RESPONSES + "InvalidToken";

    private OpenApiDocs() {}
}
