package io.gatekeep.worker.mfa;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.worker.Accounts;
import io.gatekeep.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class SetupSweepIntegrationTest extends WorkerIntegrationTest {

    @Autowired
    SetupSweep sweep;

    @Test
    void expiresOnlyAbandonedSetupsErasesTheirSecretEndsTheirSessionAndEmitsOnce() {
        MfaRows mfa = new MfaRows(jdbc, clock);
        Accounts.Person gone = accounts().activeUser("Gina Gone");
        Accounts.Person busy = accounts().activeUser("Bert Busy");
        UUID goneSession = mfa.session(gone.id());
        UUID busySession = mfa.session(busy.id());
        UUID abandoned = mfa.pendingSetup(gone.id(), goneSession, Duration.ofSeconds(181));
        UUID current = mfa.pendingSetup(busy.id(), busySession, Duration.ofSeconds(179));

        sweep.sweepExpired();
        sweep.sweepExpired();

        Map<String, Object> expired = setup(abandoned);
        assertThat(expired)
                .containsEntry("status", "EXPIRED")
                .containsEntry("secret_ciphertext", null)
                .containsEntry("secret_nonce", null)
                .containsEntry("secret_key_id", null);
        assertThat(expired.get("finished_at")).isNotNull();
        assertThat(setup(current)).containsEntry("status", "PENDING");
        assertThat(setup(current).get("secret_ciphertext")).isNotNull();
        assertThat(revoked(goneSession)).isTrue();
        assertThat(revoked(busySession)).isFalse();
        assertThat(mfa.outboxEvents("enrollment.setup-expired", gone.id())).isEqualTo(1);
        assertThat(mfa.outboxEvents("enrollment.setup-expired", busy.id())).isZero();

        clock.advance(Duration.ofSeconds(2));
        sweep.sweepExpired();
        assertThat(setup(current)).containsEntry("status", "EXPIRED");
        assertThat(mfa.outboxEvents("enrollment.setup-expired", busy.id())).isEqualTo(1);
        assertThat(mfa.outboxEvents("enrollment.setup-expired", gone.id())).isEqualTo(1);
    }

    private Map<String, Object> setup(UUID id) {
        return jdbc.queryForMap("""
                select status, secret_key_id, secret_nonce, secret_ciphertext, finished_at from mfa_setup
                where id = ?""", id);
    }

    private boolean revoked(UUID sessionId) {
        return jdbc.queryForObject(
                "select revoked_at is not null from auth_session where id = ?", Boolean.class, sessionId);
    }
}
