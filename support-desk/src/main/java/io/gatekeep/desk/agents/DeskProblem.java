package io.gatekeep.desk.agents;

import org.springframework.http.HttpStatus;

/** A rejected agent request, with its stable problem {@code code}. */
final class DeskProblem extends RuntimeException {

    enum Code {
        TICKET_NOT_FOUND(HttpStatus.NOT_FOUND, "Ticket not found"),
        JUSTIFICATION_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "A written justification is required"),
        TEXT_REQUIRED(HttpStatus.UNPROCESSABLE_CONTENT, "Text is required"),
        TICKET_INCOMPLETE(HttpStatus.CONFLICT, "The ticket has no identified user, organization and approver"),
        OWNER_CONFIRMATION_REQUIRED(HttpStatus.CONFLICT, "The ticket waits for its owner's confirmation"),
        SECOND_APPROVAL_REQUIRED(HttpStatus.CONFLICT, "A second approval by a different agent is required"),
        SAME_AGENT(HttpStatus.CONFLICT, "The second approval must come from a different agent"),
        TRANSITION_NOT_ALLOWED(HttpStatus.CONFLICT, "The ticket's status does not allow this action"),
        INVALID_REQUEST(HttpStatus.BAD_REQUEST, "Invalid request"),
        INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Wrong user name, password or code"),
        RATE_LIMITED(HttpStatus.TOO_MANY_REQUESTS, "Too many attempts, try again later"),
        LOCKED_OUT(HttpStatus.TOO_MANY_REQUESTS, "Too many failed sign-ins: locked for a while");

        final HttpStatus status;
        final String title;

        Code(HttpStatus status, String title) {
            this.status = status;
            this.title = title;
        }

        String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Code code;
    private Long retryAfterSeconds;

    DeskProblem(Code code, String detail) {
        super(detail, null, false, false);
        this.code = code;
    }

    Code code() {
        return code;
    }

    /** Adds a {@code Retry-After} header to the answer. */
    DeskProblem retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
