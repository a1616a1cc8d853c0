package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;

/** Thrown inside the parser only, turned into {@link ParseOutcome.Rejected} before anything leaves it. */
final class LimitExceeded extends RuntimeException {

    private final Reason reason;

    LimitExceeded(Reason reason, String detail) {
        super(detail, null, false, false);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
