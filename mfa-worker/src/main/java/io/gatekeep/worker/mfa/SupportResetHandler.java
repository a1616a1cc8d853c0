package io.gatekeep.worker.mfa;

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
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * On {@code MfaResetApproved} (a support ticket approved and not cancelled before its reset time): first
 * {@link ResetRecheck re-checks} ticket, approver and requester with the system of record; if any check fails nothing
 * changes and {@code MfaResetRefused} (reason) is recorded, so the desk hands the ticket to an agent. Otherwise turns
 * MFA off on the user, the
 * same state change as a used recovery code with reason {@code SUPPORT_RESET}: the active credential (its secret
 * erased) and the unused recovery code are revoked, every session of the user ends (sign-in challenges and setup
 * tokens included), pending setups expire, and {@code MfaDisabled} (ticket, approver) and {@code SessionsRevoked} are
 * recorded, all in the handler's transaction. A user without an active
 * credential (MFA turned off since they asked support) is left alone and {@code MfaResetNotNeeded} is recorded instead,
 * so the desk can close the ticket either way.
 */
class SupportResetHandler implements EventHandler {

    static final String NAME = "mfa-support-reset";
    private static final Logger log = LoggerFactory.getLogger(SupportResetHandler.class);

    private final JdbcTemplate jdbc;
    private final JdbcOutboxWriter outbox;
    private final Clock clock;
    private final ResetRecheck recheck;

    SupportResetHandler(JdbcTemplate jdbc, JdbcOutboxWriter outbox, Clock clock, ResetRecheck recheck) {
        this.jdbc = jdbc;
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
        List<UUID> revoked = jdbc.queryForList("""
                update mfa_credential
                set revoked_at = ?, revoked_reason = 'SUPPORT_RESET',
                    secret_key_id = null, secret_nonce = null, secret_ciphertext = null
                where user_id = ? and revoked_at is null
                returning id
                """, UUID.class, now, approved.userId());
        if (revoked.isEmpty()) {
            log.info(
                    "Support reset of ticket {}: user {} has no active MFA credential; nothing to do",
                    approved.ticketId(),
                    approved.userId());
            outbox.append(new MfaResetNotNeeded(
                    approved.ticketId(), approved.reference(), approved.userId(), approved.approverUserId()));
            return;
        }
        jdbc.update("""
                update mfa_recovery_code set revoked_at = ?
                where user_id = ? and used_at is null and revoked_at is null""", now, approved.userId());
        jdbc.update("""
                update mfa_setup set status = 'EXPIRED', finished_at = ?, revision = revision + 1,
                       secret_key_id = null, secret_nonce = null, secret_ciphertext = null
                where user_id = ? and status = 'PENDING'""", now, approved.userId());
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
