package io.gatekeep.api.mfa.verification;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.Concurrently;
import io.gatekeep.api.mfa.MfaDatabase;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.enrollment.model.NewCredential;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.secrets.SecretKeyring;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.api.mfa.verification.TotpSignInStore.AtOnce;
import io.gatekeep.api.mfa.verification.TotpSignInStore.Completion;
import io.gatekeep.api.mfa.verification.TotpSignInStore.FactorState;
import io.gatekeep.api.mfa.verification.TotpSignInStore.SignInState;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.api.sessions.SessionProperties;
import io.gatekeep.api.sessions.SessionTokens;
import io.gatekeep.api.sessions.Sessions;
import io.gatekeep.api.sessions.Sessions.PendingSession;
import io.gatekeep.credentials.CarriedWrite;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/**
 * The two statements of a sign-in's common case: the success is written whole or not at all, and every condition the
 * code check relied on is checked again when it is written (challenge live, lockout open, step fresh), also against
 * concurrent requests on other instances.
 */
class TotpSignInStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final long STEP = T0.getEpochSecond() / 30;
    private static final MfaDatabase DB = MfaDatabase.create();
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

    private final TotpSignInStore store = new TotpSignInStore(DB.client, LockoutPolicy.defaults());
    private final SecretCipher cipher = new SecretCipher(SecretKeyring.development("dev"));
    private final UUID user = DB.newUser();
    private final UUID credentialId = enroll();

    @AfterAll
    static void close() {
        DB.close();
    }

    @Test
    void looksUpTheLiveChallengeWithTheCredentialAndTheLockoutState() {
        Challenge challenge = challenge(T0.plusSeconds(300));
        DB.update("insert into mfa_lockout (user_id, consecutive_failures, updated_at) values (?, 3, ?)", user, T0);

        SignInState state = store.lookUp(challenge.tokenHash(), T0).block();

        assertThat(state.userId()).isEqualTo(user);
        assertThat(state.credential()).hasValueSatisfying(c -> {
            assertThat(c.id()).isEqualTo(credentialId);
            assertThat(c.lastUsedStep()).isEqualTo(STEP);
        });
        assertThat(state.lockout().consecutiveFailures()).isEqualTo(3);
    }

    @Test
    void findsNoStateBehindAnExpiredRevokedOrUnknownChallenge() {
        Challenge expired = challenge(T0.minusSeconds(1));
        Challenge revoked = challenge(T0.plusSeconds(300));
        DB.update("update auth_session set revoked_at = ? where token_hash = ?", T0, revoked.tokenHash());

        assertThat(store.lookUp(expired.tokenHash(), T0).blockOptional()).isEmpty();
        assertThat(store.lookUp(revoked.tokenHash(), T0).blockOptional()).isEmpty();
        assertThat(store.lookUp(SessionTokens.sha256("unknown"), T0).blockOptional())
                .isEmpty();
    }

    @Test
    void completesTheWholeSignInInOneStatement() {
        Challenge challenge = challenge(T0.plusSeconds(300));
        DB.update("insert into mfa_lockout (user_id, consecutive_failures, updated_at) values (?, 2, ?)", user, T0);

        assertThat(complete(challenge, STEP + 1, DB.client).block()).isTrue();

        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'MFA_CHALLENGE' "
                        + "and revoked_at is not null"))
                .as("challenge used")
                .isEqualTo(1);
        assertSignedInOnce();
    }

    @Test
    void writesNothingWhenTheChallengeWasUsedMeanwhile() {
        Challenge challenge = challenge(T0.plusSeconds(300));
        DB.update("update auth_session set revoked_at = ? where token_hash = ?", T0, challenge.tokenHash());

        assertThat(complete(challenge, STEP + 1, DB.client).block()).isFalse();

        assertNothingWritten();
    }

    @Test
    void writesNothingWhenTheAttemptsWereUsedUpOrALockStartedMeanwhile() {
        Challenge challenge = challenge(T0.plusSeconds(300));
        DB.update("insert into mfa_lockout (user_id, consecutive_failures, updated_at) values (?, 5, ?)", user, T0);

        assertThat(complete(challenge, STEP + 1, DB.client).block())
                .as("attempts used up")
                .isFalse();

        DB.update(
                "update mfa_lockout set consecutive_failures = 0, lockout_count = 1, locked_until = ? "
                        + "where user_id = ?",
                T0.plus(Duration.ofMinutes(15)),
                user);
        assertThat(complete(challenge, STEP + 1, DB.client).block())
                .as("locked")
                .isFalse();

        assertNothingWritten();
        assertThat(count("select count(*) from auth_session where user_id = ? and revoked_at is null "
                        + "and kind = 'MFA_CHALLENGE'"))
                .as("the challenge stays good")
                .isEqualTo(1);
    }

    @Test
    void writesNothingForAStepAcceptedMeanwhileOrAnOlderOne() {
        Challenge challenge = challenge(T0.plusSeconds(300));

        assertThat(complete(challenge, STEP, DB.client).block())
                .as("the setup code's step")
                .isFalse();
        assertThat(complete(challenge, STEP - 1, DB.client).block()).as("older").isFalse();

        assertNothingWritten();
    }

    @Test
    void fiftyCompletionsOfOneStepOnFiftyChallengesAndTwoInstancesSucceedOnce() {
        List<Challenge> challenges = java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> challenge(T0.plusSeconds(300)))
                .toList();
        List<DatabaseClient> instances = List.of(DB.newInstance(), DB.newInstance());

        List<Boolean> results =
                Concurrently.submit(50, i -> complete(challenges.get(i), STEP + 1, instances.get(i % 2)));

        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'FULL'"))
                .isEqualTo(1);
        assertThat(outboxTypes()).hasSize(2);
    }

    @Test
    void fiftyCompletionsOfDifferentStepsOnOneChallengeSucceedOnce() {
        Challenge challenge = challenge(T0.plusSeconds(300));
        List<DatabaseClient> instances = List.of(DB.newInstance(), DB.newInstance());

        List<Boolean> results = Concurrently.submit(50, i -> complete(challenge, STEP + 1 + i, instances.get(i % 2)));

        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'FULL'"))
                .isEqualTo(1);
    }

    @Test
    void theOneRequestFormRefundsAndReadsTheFactorStateInOneStatement() {
        DB.update("insert into mfa_lockout (user_id, consecutive_failures, updated_at) values (?, 2, ?)", user, T0);
        DB.update(
                "insert into rate_limit_counter (bucket, window_start, hits) values (?, ?, 3)",
                "test:" + user,
                Instant.EPOCH);
        CarriedWrite refund = new CarriedWrite(
                "update rate_limit_counter set hits = hits - 1 where bucket = :testBucket",
                Map.of("testBucket", "test:" + user));

        FactorState state = store.refundAndLookUp(user, refund).block();

        assertThat(state.credential())
                .hasValueSatisfying(c -> assertThat(c.id()).isEqualTo(credentialId));
        assertThat(state.lockout().consecutiveFailures()).isEqualTo(2);
        assertThat(DB.client
                        .sql("select hits from rate_limit_counter where bucket = :bucket")
                        .bind("bucket", "test:" + user)
                        .map(row -> row.get(0, Integer.class))
                        .one()
                        .block())
                .isEqualTo(2);
        FactorState nobody = store.refundAndLookUp(UUID.randomUUID(), refund).block();
        assertThat(nobody.credential()).isEmpty();
        assertThat(nobody.lockout().consecutiveFailures()).isZero();
    }

    @Test
    void theOneRequestFormCompletesWithoutAChallengeUnderTheSameConditions() {
        DB.update("insert into mfa_lockout (user_id, consecutive_failures, updated_at) values (?, 5, ?)", user, T0);
        assertThat(completeAtOnce(STEP + 1, DB.client).block())
                .as("attempts used up")
                .isFalse();
        DB.update("update mfa_lockout set consecutive_failures = 2 where user_id = ?", user);
        assertThat(completeAtOnce(STEP, DB.client).block()).as("step used").isFalse();
        assertNothingWritten();

        assertThat(completeAtOnce(STEP + 1, DB.client).block()).isTrue();

        assertSignedInOnce();
    }

    @Test
    void fiftyOneRequestCompletionsOfOneStepOnTwoInstancesSucceedOnce() {
        List<DatabaseClient> instances = List.of(DB.newInstance(), DB.newInstance());

        List<Boolean> results = Concurrently.submit(50, i -> completeAtOnce(STEP + 1, instances.get(i % 2)));

        assertThat(results).filteredOn(Boolean::booleanValue).hasSize(1);
        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'FULL'"))
                .isEqualTo(1);
        assertThat(outboxTypes()).hasSize(2);
    }

    private Mono<Boolean> completeAtOnce(long step, DatabaseClient client) {
        Success success = success(client);
        return new TotpSignInStore(client, LockoutPolicy.defaults())
                .completeAtOnce(new AtOnce(user, credentialId, step, T0), success.session(), success.events());
    }

    /** The rows a success inserts: the new session and its events. */
    private record Success(PendingSession session, OutboxWriter.GuardedEvents events) {}

    private Success success(DatabaseClient client) {
        Sessions sessions = new Sessions(
                client,
                CLOCK,
                new SessionProperties(Duration.ofHours(12), Duration.ofHours(2), Duration.ofMinutes(15)));
        PendingSession session = sessions.pendingMfaVerified(user, T0, "127.0.0.1");
        OutboxWriter.GuardedEvents events = new OutboxWriter(client, CLOCK, "/test")
                .insertWhere(
                        List.of(
                                new MfaVerificationSucceeded(user, credentialId, SecondFactor.TOTP, "127.0.0.1"),
                                new SignedIn(user, session.issued().sessionId(), SignInMethod.TOTP, "127.0.0.1")),
                        TotpSignInStore.WHEN_COMPLETED);
        return new Success(session, events);
    }

    /** What the caller does once the code matched {@code step}: the success, written if it all still holds. */
    private Mono<Boolean> complete(Challenge challenge, long step, DatabaseClient client) {
        Success success = success(client);
        return new TotpSignInStore(client, LockoutPolicy.defaults())
                .complete(
                        new Completion(challenge.id(), user, credentialId, step, T0),
                        success.session(),
                        success.events());
    }

    /** Step STEP + 1 consumed, failures reset, one MFA-verified session and its two events. */
    private void assertSignedInOnce() {
        assertThat(lastUsedStep()).isEqualTo(STEP + 1);
        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'FULL' and mfa_verified "
                        + "and mfa_verified_at is not null and not via_recovery_code"))
                .isEqualTo(1);
        assertThat(count("select consecutive_failures from mfa_lockout where user_id = ?"))
                .isZero();
        assertThat(outboxTypes())
                .containsExactly("io.gatekeep.verification.succeeded", "io.gatekeep.account.signed-in");
    }

    private void assertNothingWritten() {
        assertThat(lastUsedStep()).isEqualTo(STEP);
        assertThat(count("select count(*) from auth_session where user_id = ? and kind = 'FULL'"))
                .isZero();
        assertThat(outboxTypes()).isEmpty();
    }

    private record Challenge(UUID id, String token) {

        byte[] tokenHash() {
            return SessionTokens.sha256(token);
        }
    }

    /** A challenge as the password step leaves it. */
    private Challenge challenge(Instant expiresAt) {
        Challenge challenge = new Challenge(UUID.randomUUID(), SessionTokens.newToken());
        DB.update(
                "insert into auth_session (id, token_hash, user_id, kind, created_at, expires_at) "
                        + "values (?, ?, ?, 'MFA_CHALLENGE', ?, ?)",
                challenge.id(),
                challenge.tokenHash(),
                user,
                T0.minusSeconds(10),
                expiresAt);
        return challenge;
    }

    private long lastUsedStep() {
        return DB.client
                .sql("select last_used_step from mfa_credential where id = :id")
                .bind("id", credentialId)
                .map(row -> row.get(0, Long.class))
                .one()
                .block();
    }

    private long count(String sql) {
        return DB.client
                .sql(sql.replace("?", ":user"))
                .bind("user", user)
                .map(row -> ((Number) row.get(0)).longValue())
                .one()
                .block();
    }

    private List<String> outboxTypes() {
        return DB.client
                .sql("select event_type from outbox_event where partition_key = :user order by seq")
                .bind("user", user.toString())
                .map(row -> row.get(0, String.class))
                .all()
                .collectList()
                .block();
    }

    /** MFA as setup leaves it: the setup code's step already used. */
    private UUID enroll() {
        NewCredential credential = new NewCredential(
                UUID.randomUUID(),
                user,
                cipher.encrypt(user, new TotpSecretGenerator().generate()),
                T0,
                STEP,
                UUID.randomUUID(),
                null);
        new CredentialStore(DB.client).insert(credential, T0).block();
        return credential.id();
    }
}
