package io.gatekeep.api.web;

import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * A problem the API answers with: HTTP status, the stable machine-readable {@code code} (public contract) and a
 * human-readable title. Features define their own constants next to their outcomes; the common ones live here.
 */
public record ApiError(HttpStatus status, String code, String title) {

    public static final ApiError VALIDATION_FAILED =
            new ApiError(HttpStatus.BAD_REQUEST, "validation_failed", "The request has invalid fields");
    public static final ApiError MALFORMED_REQUEST =
            new ApiError(HttpStatus.BAD_REQUEST, "malformed_request", "The request body is not valid JSON");
    public static final ApiError INVALID_CREDENTIALS =
            new ApiError(HttpStatus.UNAUTHORIZED, "invalid_credentials", "Wrong email or password");
    public static final ApiError UNAUTHENTICATED =
            new ApiError(HttpStatus.UNAUTHORIZED, "unauthenticated", "A valid session token is required");
    public static final ApiError FORBIDDEN =
            new ApiError(HttpStatus.FORBIDDEN, "forbidden", "You are not allowed to do this");
    public static final ApiError NOT_FOUND = new ApiError(HttpStatus.NOT_FOUND, "not_found", "Not found");
    public static final ApiError CONFLICT =
            new ApiError(HttpStatus.CONFLICT, "conflict", "The change conflicts with a concurrent one; try again");
    public static final ApiError METHOD_NOT_ALLOWED =
            new ApiError(HttpStatus.METHOD_NOT_ALLOWED, "method_not_allowed", "Method not allowed");
    public static final ApiError NOT_ACCEPTABLE =
            new ApiError(HttpStatus.NOT_ACCEPTABLE, "not_acceptable", "No acceptable representation");
    public static final ApiError UNSUPPORTED_MEDIA_TYPE = new ApiError(
            HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported_media_type", "Send the request body as application/json");
    public static final ApiError PAYLOAD_TOO_LARGE =
            new ApiError(HttpStatus.CONTENT_TOO_LARGE, "payload_too_large", "The request body is too large");
    public static final ApiError RATE_LIMITED =
            new ApiError(HttpStatus.TOO_MANY_REQUESTS, "rate_limited", "Too many attempts, try again later");
    public static final ApiError INTERNAL_ERROR =
            new ApiError(HttpStatus.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side");
    public static final ApiError EMAIL_NOT_VERIFIED = new ApiError(
            HttpStatus.FORBIDDEN,
            "email_not_verified",
            "Confirm your address first: open the link in the confirmation email");
    /** A one-time emailed token (signup confirmation, password reset) that is unknown or was used. */
    public static final ApiError INVALID_TOKEN =
            new ApiError(HttpStatus.BAD_REQUEST, "invalid_token", "The link is not valid or was used already");

    public static final ApiError TOKEN_EXPIRED =
            new ApiError(HttpStatus.GONE, "token_expired", "The link has expired; ask for a new one");

    public ApiError {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(title, "title");
    }

    public ApiException exception() {
        return new ApiException(this);
    }

    public ApiException exception(String detail) {
        return new ApiException(this).withDetail(detail);
    }
}
