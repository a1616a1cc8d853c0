package io.gatekeep.worker.enforcement;

import io.gatekeep.events.EventType;
import io.gatekeep.events.mfa.MfaEnforcementChanged;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * On {@code MfaEnforcementChanged}: enforcement turned on starts a fan-out (a row the {@link FanOutRunner} works
 * through, so the handler itself stays O(1)); turned off cancels the organization's unfinished fan-outs. Events of one
 * organization arrive in order (keyed by organization), and a fan-out also checks the organization's state before
 * every batch, so a notice batch never starts after enforcement was turned off.
 */
class EnforcementFanOutHandler implements EventHandler {

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final FanOutRunner runner;

    EnforcementFanOutHandler(JdbcTemplate jdbc, Clock clock, FanOutRunner runner) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "enforcement-fan-out";
    }

    @Override
    public boolean handles(EventType type) {
        return type == EventType.MFA_ENFORCEMENT_CHANGED;
    }

    @Override
    public void handle(ReceivedEvent event) {
        MfaEnforcementChanged changed = event.payload(MfaEnforcementChanged.class);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        if (changed.enforced() && !changed.previouslyEnforced()) {
            int started = jdbc.update(
                    """
                    insert into mfa_enforcement_fan_out (event_id, organization_id, actor_user_id, enforced_at,
                                                         revoke_sessions, status, created_at, updated_at)
                    select ?, o.id, ?, ?, ?, 'RUNNING', ?, ?
                    from organization o where o.id = ?
                    on conflict (event_id) do nothing""",
                    event.id(),
                    changed.actorUserId(),
                    OffsetDateTime.ofInstant(event.envelope().time(), ZoneOffset.UTC),
                    changed.revokeNonCompliantSessions(),
                    now,
                    now,
                    changed.organizationId());
            if (started > 0) {
                wakeRunnerAfterCommit();
            }
        } else if (!changed.enforced()) {
            jdbc.update("""
                    update mfa_enforcement_fan_out set status = 'CANCELLED', updated_at = ?, finished_at = ?
                    where organization_id = ? and status = 'RUNNING'""", now, now, changed.organizationId());
        }
    }

    private void wakeRunnerAfterCommit() {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    runner.wakeUp();
                }
            });
        } else {
            runner.wakeUp();
        }
    }
}
