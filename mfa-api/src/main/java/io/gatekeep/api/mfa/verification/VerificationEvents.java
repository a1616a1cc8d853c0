package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.verification.model.VerificationOutcome;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.events.mfa.MfaLockedOut;
import io.gatekeep.events.mfa.MfaVerificationFailed;
import io.gatekeep.events.mfa.MfaVerificationFailed.Reason;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The events of a refused second factor, whatever the stage (sign-in, setup, turning MFA off). */
@Component
public class VerificationEvents {

    private final OutboxWriter outbox;

    VerificationEvents(OutboxWriter outbox) {
        this.outbox = outbox;
    }

    /** Records a refusal: every one is a failure event; the attempt that starts a lock also a locked-out event. */
    public Mono<Void> refused(UUID userId, VerificationOutcome outcome, Stage stage, String clientIp) {
        if (outcome instanceof VerificationOutcome.InvalidCode invalid) {
            return failed(userId, Reason.INVALID_CODE, stage, invalid.consecutiveFailures(), clientIp);
        }
        if (outcome instanceof VerificationOutcome.CodeAlreadyUsed replay) {
            return failed(userId, Reason.CODE_ALREADY_USED, stage, replay.consecutiveFailures(), clientIp);
        }
        if (outcome instanceof VerificationOutcome.LockedOut locked) {
            Mono<Void> failure = failed(userId, Reason.LOCKED_OUT, stage, 0, clientIp);
            return !locked.lockedNow()
                    ? failure
                    : failure.then(outbox.append(new MfaLockedOut(
                                    userId, locked.until(), locked.lockout().lockoutCount(), clientIp))
                            .then());
        }
        return Mono.empty();
    }

    private Mono<Void> failed(UUID userId, Reason reason, Stage stage, int failures, String clientIp) {
        return outbox.append(new MfaVerificationFailed(userId, reason, stage, failures, clientIp))
                .then();
    }
}
