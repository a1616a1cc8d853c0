package io.gatekeep.api.mfa.enrollment;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.enrollment.model.SetupPolicy;
import io.gatekeep.api.mfa.enrollment.model.SetupSession;
import io.gatekeep.api.mfa.enrollment.model.SetupStatus;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class SetupStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final MfaDatabase DB = MfaDatabase.create();

    private final SetupStore setups = new SetupStore(DB.client);
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void storesAPendingSessionAndReadsItBack() {
        SetupSession session = pending(DB.newUser(), NOW);

        assertThat(setups.insert(session).block()).isTrue();

        assertThat(setups.findById(session.id()).block()).isEqualTo(session);
        assertThat(setups.findLatest(session.userId()).block()).isEqualTo(session);
    }

    @Test
    void keepsOnePendingSessionPerUserAndSupersedesTheOldOne() {
        UUID user = DB.newUser();
        SetupSession first = pending(user, NOW);
        setups.insert(first).block();
        SetupSession second = pending(user, NOW.plusSeconds(10));

        assertThat(setups.insert(second).block())
                .as("while the first is pending")
                .isFalse();
        assertThat(setups.supersedePending(user, NOW.plusSeconds(10))
                        .collectList()
                        .block())
                .containsExactly(first.id());
        assertThat(setups.insert(second).block()).isTrue();

        SetupSession superseded = setups.findById(first.id()).block();
        assertThat(superseded.status()).isEqualTo(SetupStatus.SUPERSEDED);
        assertThat(superseded.pendingSecret()).isNull();
        assertThat(setups.findLatest(user).block().id()).isEqualTo(second.id());
    }

    @Test
    void savesATransitionOnlyOverTheStateItCameFrom() {
        SetupSession session = pending(DB.newUser(), NOW);
        setups.insert(session).block();
        SetupSession expired = session.expire();
        SetupSession superseded = session.supersede();

        assertThat(setups.update(expired, NOW.plusSeconds(180)).block()).isTrue();
        assertThat(setups.update(superseded, NOW.plusSeconds(181)).block())
                .as("lost the race")
                .isFalse();

        SetupSession stored = setups.findById(session.id()).block();
        assertThat(stored).isEqualTo(expired);
        assertThat(stored.pendingSecret()).isNull();
        assertThat(DB.client
                        .sql("select finished_at from mfa_setup where id = :id")
                        .bind("id", session.id())
                        .map(row -> row.get("finished_at", Instant.class))
                        .one()
                        .block())
                .isEqualTo(NOW.plusSeconds(180));
    }

    private SetupSession pending(UUID user, Instant now) {
        UUID authSession = DB.newAuthSession(user, "FULL");
        return SetupSession.start(
                UUID.randomUUID(),
                user,
                authSession,
                cipher.encrypt(user, new TotpSecretGenerator().generate()),
                now,
                SetupPolicy.defaults());
    }
}
