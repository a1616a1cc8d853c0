package io.gatekeep.api.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.gatekeep.api.accounts.Users;
import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.accounts.model.UserStatus;
import io.gatekeep.api.organizations.Memberships;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.account.SignedUp;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class OutboxAtomicityIntegrationTest extends ApiIntegrationTest {

    @Autowired
    OutboxWriter outbox;

    @Autowired
    TransactionalOperator tx;

    @Autowired
    Memberships memberships;

    @Autowired
    Users users;

    @Test
    void rolledBackBusinessTransactionLeavesNoOutboxRow() {
        Account existing = signedUpOwner();
        UUID organizationId = UUID.randomUUID();
        UserAccount clash =
                new UserAccount(UUID.randomUUID(), existing.email(), "Clash", "x", UserStatus.ACTIVE, Instant.now());
        // the event is written before the statement that fails: the rollback must take it along
        Mono<Void> signUp = memberships
                .createOrganization(organizationId, "Doomed", Instant.now())
                .then(outbox.append(
                        new SignedUp(organizationId, "Doomed", clash.id(), clash.email(), "Clash", "192.0.2.9")))
                .then(users.insert(clash))
                .then();

        StepVerifier.create(tx.transactional(signUp))
                .expectError(DuplicateKeyException.class)
                .verify();

        assertThat(jdbc.queryForObject("select count(*) from organization where id = ?", Integer.class, organizationId))
                .isZero();
        assertThat(outboxRows("io.gatekeep.account.signed-up", clash.id())).isEmpty();
    }

    @Test
    void committedTransactionLeavesOneRowInTheSharedFormat() {
        UUID organizationId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        StepVerifier.create(tx.transactional(outbox.append(
                        new SignedUp(organizationId, "Kept", userId, "kept@example.test", "Kept", "192.0.2.10"))))
                .assertNext(envelope -> assertThat(envelope.key()).isEqualTo(userId.toString()))
                .verifyComplete();

        assertThat(outboxRows("io.gatekeep.account.signed-up", userId))
                .singleElement()
                .satisfies(row -> {
                    assertThat(row.get("topic")).isEqualTo("account");
                    assertThat(row.get("status")).isEqualTo("PENDING");
                    assertThat(row.get("schema_version")).isEqualTo(1);
                    assertThat(row.get("subject")).isEqualTo("user/" + userId);
                    assertThat(row.get("next_attempt_at")).isEqualTo(row.get("occurred_at"));
                    assertThat(payload(row)).containsEntry("organizationName", "Kept");
                });
    }

    @Test
    void writesSeveralEventsWithOneInsertInTheirOrder() {
        UUID userId = UUID.randomUUID();
        UUID sessionId = UUID.randomUUID();
        StepVerifier.create(tx.transactional(outbox.appendAll(List.of(
                        new MfaVerificationSucceeded(userId, UUID.randomUUID(), SecondFactor.TOTP, "192.0.2.11"),
                        new SignedIn(userId, sessionId, SignInMethod.TOTP, "192.0.2.11"),
                        new SignedIn(userId, UUID.randomUUID(), SignInMethod.TOTP, null)))))
                .assertNext(envelopes -> assertThat(envelopes).hasSize(3))
                .verifyComplete();

        List<String> types = jdbc.queryForList(
                "select event_type from outbox_event where partition_key = ? " + "order by seq",
                String.class,
                userId.toString());
        assertThat(types)
                .containsExactly(
                        "io.gatekeep.verification.succeeded",
                        "io.gatekeep.account.signed-in",
                        "io.gatekeep.account.signed-in");
        assertThat(payload(outboxRows("io.gatekeep.account.signed-in", userId).get(0)))
                .containsEntry("sessionId", sessionId.toString());
    }

    @Test
    void refusesToWriteSeveralEventsOutsideATransaction() {
        UUID userId = UUID.randomUUID();
        StepVerifier.create(outbox.appendAll(List.of(new SignedIn(userId, UUID.randomUUID(), SignInMethod.TOTP, null))))
                .expectError(IllegalStateException.class)
                .verify();
        assertThat(outboxRows("io.gatekeep.account.signed-in", userId)).isEmpty();
    }

    @Test
    void refusesToWriteOutsideATransaction() {
        UUID userId = UUID.randomUUID();
        StepVerifier.create(outbox.append(
                        new SignedUp(UUID.randomUUID(), "Loose", userId, "loose@example.test", "Loose", null)))
                .expectError(IllegalStateException.class)
                .verify();
        assertThat(outboxRows("io.gatekeep.account.signed-up", userId)).isEmpty();
    }
}
