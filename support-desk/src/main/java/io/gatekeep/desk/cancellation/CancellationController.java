package io.gatekeep.desk.cancellation;

import io.gatekeep.desk.tickets.CancelOutcome;
import io.gatekeep.desk.workflow.Cancellations;
import java.net.URI;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/desk/cancellations {"token"}}: what the page behind a notice's cancel link posts. Public; the
 * token travels in the body, never in this call's URL. 200 with the cancelled ticket's reference; 400
 * {@code invalid_token}, 410 {@code token_expired}, 409 {@code not_cancellable}.
 */
@RestController
class CancellationController {

    record CancellationRequest(String token) {}

    private final Cancellations cancellations;

    CancellationController(Cancellations cancellations) {
        this.cancellations = cancellations;
    }

    @PostMapping(path = "/api/v1/desk/cancellations", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> cancel(@RequestBody(required = false) CancellationRequest request) {
        CancelOutcome outcome = cancellations.cancelByLink(request == null ? null : request.token());
        if (outcome instanceof CancelOutcome.Cancelled cancelled) {
            return ResponseEntity.ok(Map.of(
                    "status", "CANCELLED", "reference", cancelled.reference().value()));
        }
        if (outcome instanceof CancelOutcome.TokenExpired) {
            return problem(
                    HttpStatus.GONE,
                    "Link expired",
                    "token_expired",
                    "this link was used already or its time has passed");
        }
        if (outcome instanceof CancelOutcome.NotCancellable not) {
            return problem(
                    HttpStatus.CONFLICT,
                    "Not cancellable",
                    "not_cancellable",
                    "the request is " + not.status() + " and can no longer be cancelled");
        }
        return invalid();
    }

    /** A body that is not the expected JSON is answered like an unknown token. */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e) {
        return invalid();
    }

    private static ResponseEntity<ProblemDetail> invalid() {
        return problem(HttpStatus.BAD_REQUEST, "Invalid token", "invalid_token", "this link is not valid");
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create("about:blank"));
        problem.setTitle(title);
        problem.setDetail(detail);
        problem.setProperty("code", code);
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
