package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;

/**
 * Thrown inside the parser only (over a limit, or MIME that mime4j gave up on), turned into
 * {@link ParseOutcome.Rejected} before anything leaves it.
 */
final class ParseRejection extends RuntimeException {

    private final Reason reason;

    ParseRejection(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
