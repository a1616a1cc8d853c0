package io.gatekeep.api.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.api.ApiIntegrationTest;
import org.junit.jupiter.api.Test;

/** bcrypt strength has a floor, and hashes weaker than configured are redone at the next successful sign-in. */
class PasswordHashUpgradeIntegrationTest extends ApiIntegrationTest {

    @Test
    void refusesToStartBelowTheFloorUnlessWeakHashingIsAllowed() {
        assertThatThrownBy(() -> new PasswordHasher(9, false))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("gatekeep.passwords.allow-weak-hashing");
        assertThat(new PasswordHasher(PasswordHasher.MIN_STRENGTH, false).hashBlocking("x"))
                .startsWith("$2a$10$");
    }

    @Test
    void aWeakerHashIsUpgradedAtTheNextSuccessfulSignInOnly() {
        Account owner = signedUpOwner();
        String weak = new PasswordHasher(4, true).hashBlocking(PASSWORD);
        jdbc.update("update app_user set password_hash = ? where id = ?", weak, owner.userId());

        post("/api/v1/auth/sign-in", java.util.Map.of("email", owner.email(), "password", "a wrong password here"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
        assertThat(hashOf(owner)).isEqualTo(weak);

        signIn(owner.email(), PASSWORD);
        assertThat(hashOf(owner)).as("configured strength in this context").startsWith("$2a$05$");
        signIn(owner.email(), PASSWORD);
    }

    private String hashOf(Account account) {
        return jdbc.queryForObject("select password_hash from app_user where id = ?", String.class, account.userId());
    }
}
