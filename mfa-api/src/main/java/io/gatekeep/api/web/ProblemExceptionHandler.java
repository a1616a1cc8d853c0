package io.gatekeep.api.web;

import io.gatekeep.api.web.Problem.FieldProblem;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Component;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * The one place where failures become problem responses. It runs before Boot's error handler, so nothing (not even
 * an unknown route or an unexpected exception) is answered with a stack trace or Boot's default error JSON.
 */
@Component
@Order(-2)
class ProblemExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemExceptionHandler.class);

    private final ProblemWriter writer;

    ProblemExceptionHandler(ProblemWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable failure) {
        return writer.write(exchange, toProblem(exchange, failure));
    }

    ApiException toProblem(ServerWebExchange exchange, Throwable failure) {
        if (failure instanceof ApiException problem) {
            return problem;
        }
        if (failure instanceof WebExchangeBindException binding) {
            return validationFailed(binding.getFieldErrors().stream()
                    .map(ProblemExceptionHandler::fieldProblem)
                    .toList());
        }
        if (failure instanceof HandlerMethodValidationException validation) {
            return validationFailed(validation.getParameterValidationResults().stream()
                    .flatMap(ProblemExceptionHandler::fieldProblems)
                    .toList());
        }
        if (causedBy(failure, DataBufferLimitException.class)) {
            return ApiError.PAYLOAD_TOO_LARGE.exception();
        }
        if (failure instanceof ServerWebInputException input) {
            if (causedBy(input, DecodingException.class)
                    || causedBy(input, JacksonException.class)
                    || input.getReason() != null
                            && input.getReason().toLowerCase().contains("request body")) {
                return ApiError.MALFORMED_REQUEST.exception();
            }
            if (input.getMethodParameter() != null) {
                String name = input.getMethodParameter().getParameterName();
                return validationFailed(List.of(new FieldProblem(name, "has an invalid value")));
            }
            return ApiError.MALFORMED_REQUEST.exception();
        }
        if (failure instanceof ResponseStatusException status
                && status.getStatusCode().is4xxClientError()) {
            return forStatus(HttpStatus.valueOf(status.getStatusCode().value()));
        }
        if (failure instanceof DuplicateKeyException) {
            // a uniqueness race the feature did not foresee (its pre-check passed, the index refused)
            return ApiError.CONFLICT.exception();
        }
        if (failure instanceof AccessDeniedException) {
            return ApiError.FORBIDDEN.exception();
        }
        if (failure instanceof AuthenticationException) {
            return ApiError.UNAUTHENTICATED.exception();
        }
        // Unexpected: log it here (the only place with the stack trace), answer without any detail.
        log.error(
                "Unhandled failure on {} {}",
                exchange.getRequest().getMethod(),
                exchange.getRequest().getPath().value(),
                failure);
        return ApiError.INTERNAL_ERROR.exception();
    }

    private static ApiException forStatus(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> ApiError.NOT_FOUND.exception();
            case METHOD_NOT_ALLOWED -> ApiError.METHOD_NOT_ALLOWED.exception();
            case NOT_ACCEPTABLE -> ApiError.NOT_ACCEPTABLE.exception();
            case UNSUPPORTED_MEDIA_TYPE -> ApiError.UNSUPPORTED_MEDIA_TYPE.exception();
            case CONTENT_TOO_LARGE -> ApiError.PAYLOAD_TOO_LARGE.exception();
            case UNAUTHORIZED -> ApiError.UNAUTHENTICATED.exception();
            case FORBIDDEN -> ApiError.FORBIDDEN.exception();
            default -> new ApiError(status, "bad_request", status.getReasonPhrase()).exception();
        };
    }

    private static ApiException validationFailed(List<FieldProblem> errors) {
        return ApiError.VALIDATION_FAILED.exception().withProperty("errors", errors);
    }

    private static FieldProblem fieldProblem(FieldError error) {
        return new FieldProblem(error.getField(), error.getDefaultMessage());
    }

    private static java.util.stream.Stream<FieldProblem> fieldProblems(ParameterValidationResult result) {
        String name = result.getMethodParameter().getParameterName();
        return result.getResolvableErrors().stream().map(error -> new FieldProblem(name, error.getDefaultMessage()));
    }

    private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                return false;
            }
        }
        return false;
    }
}
