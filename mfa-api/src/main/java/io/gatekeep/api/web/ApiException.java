package io.gatekeep.api.web;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;

/**
 * Carries an {@link ApiError} from a controller (which maps its feature's outcome values) to the one problem
 * handler. Never holds a secret: detail and properties end up in the response body.
 */
public final class ApiException extends RuntimeException {

    private final ApiError error;
    private final String detail;
    private final Map<String, Object> properties;
    private final HttpHeaders headers;

    ApiException(ApiError error) {
        this(error, null, Map.of(), HttpHeaders.EMPTY);
    }

    private ApiException(ApiError error, String detail, Map<String, Object> properties, HttpHeaders headers) {
        super(error.code(), null, false, false);
        this.error = error;
        this.detail = detail;
        this.properties = properties;
        this.headers = headers;
    }

    public ApiException withDetail(String detail) {
        return new ApiException(error, detail, properties, headers);
    }

    /** Extra members of the problem body (e.g. {@code errors} for validation failures). */
    public ApiException withProperty(String name, Object value) {
        Map<String, Object> merged = new java.util.LinkedHashMap<>(properties);
        merged.put(name, value);
        return new ApiException(error, detail, Map.copyOf(merged), headers);
    }

    /** Adds {@code Retry-After} in whole seconds, at least one. */
    public ApiException withRetryAfter(Duration retryAfter) {
        HttpHeaders merged = new HttpHeaders();
        merged.addAll(headers);
        long seconds = Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        merged.put(HttpHeaders.RETRY_AFTER, List.of(Long.toString(seconds)));
        return new ApiException(error, detail, properties, merged);
    }

    public ApiError error() {
        return error;
    }

    public String detail() {
        return detail;
    }

    public Map<String, Object> properties() {
        return properties;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
