package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.mfa.verification.model.StepUpRule;
import io.gatekeep.api.sessions.CurrentSession;
import io.gatekeep.api.sessions.SessionProperties;
import io.gatekeep.api.web.ApiError;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Guards the sensitive actions ({@link StepUpRule}): one indexed read of the session and the account's active
 * credential. Joins the caller's transaction when there is one.
 */
@Component
public class StepUpGuard {

    /** 403: the session's second factor is missing or older than the step-up window. */
    public static final ApiError STEP_UP_REQUIRED = new ApiError(
            HttpStatus.FORBIDDEN,
            "mfa_step_up_required",
            "Confirm it is you: verify a code from your authenticator app with POST /api/v1/auth/step-up, then "
                    + "try again");

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration window;

    StepUpGuard(DatabaseClient db, Clock clock, SessionProperties properties) {
        this.db = db;
        this.clock = clock;
        this.window = properties.stepUpWindow();
    }

    /**
     * Completes empty when the account has no MFA or the session passed MFA within the window; errors with
     * {@link #STEP_UP_REQUIRED} otherwise.
     */
    public Mono<Void> requireIfMfa(CurrentSession session) {
        return isSatisfiedIfMfa(session.sessionId(), session.userId())
                .flatMap(satisfied -> satisfied ? Mono.<Void>empty() : Mono.error(STEP_UP_REQUIRED.exception()));
    }

    /** As {@link #requireIfMfa}, as a value: false when a step-up is needed (or the session is unknown). */
    public Mono<Boolean> isSatisfiedIfMfa(UUID sessionId, UUID userId) {
        if (sessionId == null) {
            return Mono.just(false);
        }
        Instant now = clock.instant();
        return db.sql("""
                        select c.enabled_at, s.mfa_verified_at, s.via_recovery_code
                        from auth_session s
                        left join mfa_credential c on c.user_id = s.user_id and c.revoked_at is null
                        where s.id = :sessionId and s.user_id = :userId""")
                .bind("sessionId", sessionId)
                .bind("userId", userId)
                .map(row -> StepUpRule.isSatisfiedIfMfa(
                        row.get("mfa_verified_at", Instant.class),
                        Boolean.TRUE.equals(row.get("via_recovery_code", Boolean.class)),
                        row.get("enabled_at", Instant.class),
                        now,
                        window))
                .one()
                .defaultIfEmpty(false);
    }

    /** The step-up window ({@code gatekeep.sessions.step-up-window}). */
    public Duration window() {
        return window;
    }
}
