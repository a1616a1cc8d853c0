package io.gatekeep.api.mfa.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.Concurrently;
import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import io.gatekeep.api.mfa.credential.model.RevocationReason;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.recovery.RecoveryCodeStore;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CredentialStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final long STEP = NOW.getEpochSecond() / 30;
    private static final MfaDatabase DB = MfaDatabase.create();

    private final CredentialStore credentials = new CredentialStore(DB.client);
    private final RecoveryCodeStore recoveryCodes = new RecoveryCodeStore(DB.client);
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void storesTheSealedSecretAndReadsItBack() {
        UUID user = DB.newUser();
        TotpSecret secret = new TotpSecretGenerator().generate();
        NewCredential credential = credential(user, secret);

        assertThat(credentials.insert(credential, NOW.minusSeconds(40)).block()).isTrue();

        ActiveCredential active = credentials.findActive(user).block();
        assertThat(active.id()).isEqualTo(credential.id());
        assertThat(active.enabledAt()).isEqualTo(NOW);
        assertThat(active.lastUsedStep()).isEqualTo(STEP);
        assertThat(cipher.decrypt(user, active.secret())).isEqualTo(secret);
    }

    @Test
    void keepsOneActiveCredentialPerUser() {
        UUID user = DB.newUser();
        credentials.insert(credential(user), NOW).block();

        assertThat(credentials.insert(credential(user), NOW).block()).isFalse();
    }

    @Test
    void acceptsEachStepOnceAndNeverAnOlderOne() {
        UUID user = DB.newUser();
        NewCredential credential = credential(user);
        credentials.insert(credential, NOW).block();
        UUID id = credential.id();

        assertThat(credentials.consumeStep(id, STEP, NOW).block())
                .as("the setup code's step")
                .isFalse();
        assertThat(credentials.consumeStep(id, STEP + 1, NOW).block()).isTrue();
        assertThat(credentials.consumeStep(id, STEP + 1, NOW).block())
                .as("replay")
                .isFalse();
        assertThat(credentials.consumeStep(id, STEP - 1, NOW).block())
                .as("older step")
                .isFalse();
        assertThat(credentials.consumeStep(id, STEP + 2, NOW).block()).isTrue();
    }

    @Test
    void fiftyParallelSubmissionsOfOneCodeOnTwoInstancesSucceedExactlyOnce() {
        UUID user = DB.newUser();
        NewCredential credential = credential(user);
        credentials.insert(credential, NOW).block();
        List<CredentialStore> instances =
                List.of(new CredentialStore(DB.newInstance()), new CredentialStore(DB.newInstance()));

        List<Boolean> results =
                Concurrently.submit(50, i -> instances.get(i % 2).consumeStep(credential.id(), STEP + 1, NOW));

        assertThat(results).hasSize(50).containsOnlyOnce(true);
        assertThat(credentials.findActive(user).block().lastUsedStep()).isEqualTo(STEP + 1);
    }

    @Test
    void revokingTurnsMfaOffClearsTheSecretAndRevokesTheRecoveryCode() {
        UUID user = DB.newUser();
        NewCredential credential = credential(user);
        RecoveryCode code = RecoveryCode.generate(new SecureRandom());
        credentials.insert(credential, NOW).block();
        recoveryCodes
                .insert(UUID.randomUUID(), user, credential.id(), code.hash(), NOW)
                .block();

        assertThat(credentials
                        .revokeActive(user, RevocationReason.USER_REQUEST, NOW)
                        .block())
                .isEqualTo(credential.id());

        assertThat(credentials.findActive(user).blockOptional()).isEmpty();
        assertThat(credentials.consumeStep(credential.id(), STEP + 5, NOW).block())
                .isFalse();
        assertThat(recoveryCodes.consume(user, code.hash(), NOW).blockOptional())
                .isEmpty();
        assertThat(DB.client
                        .sql("select secret_ciphertext is null and revoked_reason = 'USER_REQUEST' as cleared "
                                + "from mfa_credential where id = :id")
                        .bind("id", credential.id())
                        .map(row -> row.get("cleared", Boolean.class))
                        .one()
                        .block())
                .isTrue();
        assertThat(credentials
                        .revokeActive(user, RevocationReason.USER_REQUEST, NOW)
                        .blockOptional())
                .as("already off")
                .isEmpty();
        assertThat(credentials.insert(credential(user), NOW).block())
                .as("set up again")
                .isTrue();
    }

    private NewCredential credential(UUID user) {
        return credential(user, new TotpSecretGenerator().generate());
    }

    private NewCredential credential(UUID user, TotpSecret secret) {
        RecoveryCode code = RecoveryCode.generate(new SecureRandom());
        return new NewCredential(
                UUID.randomUUID(), user, cipher.encrypt(user, secret), NOW, STEP, UUID.randomUUID(), code.hash());
    }
}
