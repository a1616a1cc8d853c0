package io.gatekeep.api.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class MfaMigrationTest {

    private static final MfaDatabase DB = MfaDatabase.create();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void authSessionsMayBeMfaChallengesAndSetupTokens() {
        UUID user = DB.newUser();

        assertThat(DB.newAuthSession(user, "FULL")).isNotNull();
        assertThat(DB.newAuthSession(user, "MFA_CHALLENGE")).isNotNull();
        assertThat(DB.newAuthSession(user, "MFA_SETUP")).isNotNull();
        assertThatIllegalStateException()
                .isThrownBy(() -> DB.newAuthSession(user, "BOGUS"))
                .withMessageContaining("auth_session_kind_check");
    }

    @Test
    void authSessionsRecordHowTheyPassedMfa() {
        UUID session = DB.newAuthSession(DB.newUser(), "FULL");

        assertThat(DB.update(
                        "update auth_session set mfa_verified = true, mfa_verified_at = now(), "
                                + "via_recovery_code = true where id = ?",
                        session))
                .isEqualTo(1);
    }

    @Test
    void aRevokedCredentialMustNotKeepItsSecret() {
        UUID user = DB.newUser();

        assertThatIllegalStateException()
                .isThrownBy(() -> DB.update("""
                insert into mfa_credential (id, user_id, secret_key_id, secret_nonce, secret_ciphertext, created_at,
                                            enabled_at, revoked_at, revoked_reason)
                values (?, ?, 'k', '\\x00', '\\x00', now(), now(), now(), 'USER_REQUEST')""", UUID.randomUUID(), user))
                .withMessageContaining("mfa_credential_secret_check");
    }
}
