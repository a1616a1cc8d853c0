package io.gatekeep.worker.mfa;

import io.gatekeep.credentials.SupportReset;
import io.gatekeep.events.EventType;
import io.gatekeep.events.account.SessionsRevoked;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaResetNotNeeded;
import io.gatekeep.events.mfa.MfaResetRefused;
import io.gatekeep.events.support.MfaResetApproved;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import io.gatekeep.outbox.JdbcOutboxWriter;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * On {@code MfaResetApproved} (a support ticket approved and not cancelled before its reset time): first
 * {@link ResetRecheck re-checks} ticket, approver and requester with the system of record; if any check fails nothing
 * changes and {@code MfaResetRefused} (reason) is recorded, so the desk hands the ticket to an agent. Otherwise makes
 * the {@link SupportReset} (the credential revoked, its secret erased, the unused recovery code revoked, a pending
 * setup expired; the same statements as the API's), ends every session of the user (sign-in challenges and setup
 * tokens included), and {@code MfaDisabled} (ticket, approver) and {@code SessionsRevoked} are
 * recorded, all in the handler's transaction. A user without an active
 * credential (MFA turned off since they asked support) is left alone and {@code MfaResetNotNeeded} is recorded instead,
 * so the desk can close the ticket either way.
 */
class SupportResetHandler implements EventHandler {

    static final String NAME = "mfa-support-reset";
    private static final Logger log = LoggerFactory.getLogger(SupportResetHandler.class);

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate statements;
    private final JdbcOutboxWriter outbox;
    private final Clock clock;
    private final ResetRecheck recheck;

    SupportResetHandler(JdbcTemplate jdbc, JdbcOutboxWriter outbox, Clock clock, ResetRecheck recheck) {
        this.jdbc = jdbc;
        this.statements = new NamedParameterJdbcTemplate(jdbc);
        this.outbox = outbox;
        this.clock = clock;
        this.recheck = recheck;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.MFA_RESET_APPROVED;
    }

    @Override
    public void handle(ReceivedEvent event) {
        MfaResetApproved approved = event.payload(MfaResetApproved.class);
        Optional<MfaResetRefused.Reason> refusal = recheck.refusal(approved, clock.instant());
        if (refusal.isPresent()) {
            log.warn("Support reset of ticket {} refused at the re-check: {}", approved.ticketId(), refusal.get());
            outbox.append(new MfaResetRefused(
                    approved.ticketId(),
                    approved.reference(),
                    approved.userId(),
                    approved.organizationId(),
                    approved.approverUserId(),
                    refusal.get()));
            return;
        }
        Timestamp now = Timestamp.from(clock.instant());
        Map<String, Object> reset = Map.of("user", approved.userId(), "now", now, "reason", SupportReset.REASON);
        List<UUID> revoked = statements.queryForList(SupportReset.REVOKE_CREDENTIAL.sql(), reset, UUID.class);
        if (revoked.isEmpty()) {
            log.info(
                    "Support reset of ticket {}: user {} has no active MFA credential; nothing to do",
                    approved.ticketId(),
                    approved.userId());
            outbox.append(new MfaResetNotNeeded(
                    approved.ticketId(), approved.reference(), approved.userId(), approved.approverUserId()));
            return;
        }
        statements.update(SupportReset.EXPIRE_PENDING_SETUP.sql(), reset);
        int sessions = jdbc.update(
                "update auth_session set revoked_at = ? where user_id = ? and revoked_at is null",
                now,
                approved.userId());
        outbox.append(new MfaDisabled(
                approved.userId(),
                revoked.get(0),
                MfaDisabled.Reason.SUPPORT_RESET,
                approved.approverUserId(),
                approved.ticketId(),
                null));
        if (sessions > 0) {
            // every session ends, challenges included: the account holder signs in again without MFA
            outbox.append(new SessionsRevoked(
                    approved.userId(),
                    null,
                    null,
                    sessions,
                    SessionsRevoked.Reason.SUPPORT_RESET,
                    approved.approverUserId(),
                    null));
        }
        log.info(
                "Support reset of ticket {}: MFA disabled for user {}, {} session(s) ended",
                approved.ticketId(),
                approved.userId(),
                sessions);
    }
}
