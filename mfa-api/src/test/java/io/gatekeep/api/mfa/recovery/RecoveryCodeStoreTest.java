package io.gatekeep.api.mfa.recovery;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.Concurrently;
import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.recovery.model.RecoveryCode;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RecoveryCodeStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final MfaDatabase DB = MfaDatabase.create();

    private final RecoveryCodeStore recoveryCodes = new RecoveryCodeStore(DB.client);
    private final SecureRandom random = new SecureRandom();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void consumesTheRightCodeOnceHoweverItIsTyped() {
        UUID user = DB.newUser();
        RecoveryCode issued = RecoveryCode.generate(random);
        UUID credential = enroll(user, issued);
        RecoveryCode typed = RecoveryCode.parse(issued.formatted().toLowerCase().replace("-", ""))
                .orElseThrow();

        assertThat(recoveryCodes.consume(user, typed.hash(), NOW).block()).isEqualTo(credential);
        assertThat(recoveryCodes.consume(user, issued.hash(), NOW).blockOptional())
                .as("second use")
                .isEmpty();
    }

    @Test
    void refusesAWrongCodeOrAnotherUsersCode() {
        UUID user = DB.newUser();
        UUID other = DB.newUser();
        RecoveryCode issued = RecoveryCode.generate(random);
        enroll(user, issued);

        assertThat(recoveryCodes
                        .consume(user, RecoveryCode.generate(random).hash(), NOW)
                        .blockOptional())
                .isEmpty();
        assertThat(recoveryCodes.consume(other, issued.hash(), NOW).blockOptional())
                .isEmpty();
        assertThat(recoveryCodes.consume(user, issued.hash(), NOW).blockOptional())
                .as("still usable")
                .isPresent();
    }

    @Test
    void fiftyParallelSubmissionsOfOneRecoveryCodeOnTwoInstancesSucceedExactlyOnce() {
        UUID user = DB.newUser();
        RecoveryCode issued = RecoveryCode.generate(random);
        UUID credential = enroll(user, issued);
        List<RecoveryCodeStore> instances =
                List.of(new RecoveryCodeStore(DB.newInstance()), new RecoveryCodeStore(DB.newInstance()));

        List<Optional<UUID>> results = Concurrently.submit(
                50,
                i -> instances
                        .get(i % 2)
                        .consume(user, issued.hash(), NOW)
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()));

        assertThat(results).hasSize(50).containsOnlyOnce(Optional.of(credential));
        assertThat(results).filteredOn(Optional::isEmpty).hasSize(49);
    }

    private UUID enroll(UUID user, RecoveryCode code) {
        SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));
        NewCredential credential = new NewCredential(
                UUID.randomUUID(),
                user,
                cipher.encrypt(user, new TotpSecretGenerator().generate()),
                NOW,
                1,
                UUID.randomUUID(),
                code.hash());
        new CredentialStore(DB.client).insert(credential, NOW).block();
        recoveryCodes
                .insert(credential.recoveryCodeId(), user, credential.id(), credential.recoveryCodeHash(), NOW)
                .block();
        return credential.id();
    }
}
