package io.gatekeep.desk.agents;

import io.gatekeep.desk.tickets.Directory;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/** Every error of the agents' API as RFC 9457 {@code application/problem+json} with a stable {@code code}; no traces. */
@RestControllerAdvice(assignableTypes = {DeskController.class, AgentSessionController.class})
class ProblemResponses {

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(DeskProblem.class)
    ResponseEntity<ProblemDetail> desk(DeskProblem problem) {
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(problem.code().status).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (problem.retryAfterSeconds() != null) {
            answer.header(HttpHeaders.RETRY_AFTER, String.valueOf(problem.retryAfterSeconds()));
        }
        return answer.body(problem(
                problem.code().status, problem.code().title, problem.code().wireName(), problem.getMessage()));
    }

    @ExceptionHandler({
        HttpMessageNotReadableException.class,
        MethodArgumentNotValidException.class,
        MethodArgumentTypeMismatchException.class,
        IllegalArgumentException.class
    })
    ProblemDetail invalid(Exception e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid request", "invalid_request", "the request could not be read");
    }

    /** An approval needs the organization's owners from the directory; nothing was changed, try again. */
    @ExceptionHandler(Directory.DirectoryUnavailable.class)
    ProblemDetail directoryUnavailable(Directory.DirectoryUnavailable e) {
        log.warn("Agent API request failed: {}", e.getMessage());
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Directory unavailable",
                "directory_unavailable",
                "nothing was changed; try again in a moment");
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Agent API request failed", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error", "internal_error", null);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("about:blank"));
        problem.setTitle(title);
        problem.setDetail(detail);
        problem.setProperty("code", code);
        return problem;
    }
}
