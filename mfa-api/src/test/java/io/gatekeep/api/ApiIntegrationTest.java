package io.gatekeep.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.testing.MutableClock;
import io.gatekeep.testing.TestEnvironment;
import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The one Spring context every HTTP test shares: the real server on a random port against its own PostgreSQL
 * database and Kafka topic prefix. Tests stay apart by using fresh emails, organizations and client IPs (the test
 * client connects from a trusted proxy address here, so the X-Forwarded-For entry it adds is the client address and
 * each test chooses its own rate-limit bucket).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "gatekeep.web.trusted-proxies=127.0.0.1/32,::1/128",
            "gatekeep.passwords.bcrypt-strength=5",
            "gatekeep.passwords.allow-weak-hashing=true",
            "gatekeep.sign-in.rate-limit.per-network=8",
            "gatekeep.sign-in.rate-limit.per-account-and-network=5",
            "gatekeep.sign-in.rate-limit.per-account=" + ApiIntegrationTest.SIGN_IN_FAILURES_PER_ACCOUNT,
            "gatekeep.sign-in.rate-limit.window=1m",
            "gatekeep.invitations.rate-limit.per-organization=" + ApiIntegrationTest.INVITATIONS_PER_ORGANIZATION,
            // a fixed test key (32 bytes, base64): the API refuses to start without one
            "gatekeep.mfa.encryption.keys.test-2026=MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
            "gatekeep.mfa.encryption.active-key-id=test-2026",
            "gatekeep.internal.service-tokens.support-desk=" + ApiIntegrationTest.DESK_SERVICE_TOKEN
        })
@AutoConfigureWebTestClient(timeout = "30s")
@Import(TestClockConfiguration.class)
public abstract class ApiIntegrationTest {

    protected static final TestEnvironment ENV = TestEnvironment.create();
    protected static final String PASSWORD = "correct horse battery";
    protected static final int INVITATIONS_PER_ORGANIZATION = 12;
    protected static final int SIGN_IN_FAILURES_PER_ACCOUNT = 12;
    protected static final String DESK_SERVICE_TOKEN = "test-desk-service-token-0123456789";
    private static final tools.jackson.databind.json.JsonMapper JSON =
            tools.jackson.databind.json.JsonMapper.builder().build();

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ENV.register(registry);
        registry.add("gatekeep.desk.base-url", io.gatekeep.api.deskrelay.DeskStandIn.INSTANCE::baseUrl);
        registry.add("gatekeep.desk.timeout", () -> "3s");
    }

    @Autowired
    protected WebTestClient web;

    @Autowired
    protected MutableClock clock;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    protected ConnectionFactory connectionFactory;

    /**
     * After every test, whatever it did (cancelled requests, concurrent ones, failures): every R2DBC connection is back
     * in the pool, and no session sits idle inside a transaction, whose locks would stall the next request that needs
     * the same rows. Either leak would otherwise show up far from its cause, as a later test's request that hangs.
     */
    @AfterEach
    void everyConnectionIsReturnedAndNoTransactionIsLeftOpen() {
        assertThat(connectionFactory).isInstanceOf(ConnectionPool.class);
        ((ConnectionPool) connectionFactory)
                .getMetrics()
                .ifPresent(metrics -> Awaitility.await("connections back in the pool")
                        .atMost(Duration.ofSeconds(10))
                        .until(() -> metrics.acquiredSize() == 0));
        Awaitility.await("no transaction left open")
                .atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.queryForObject("""
                                select count(*) from pg_stat_activity
                                where datname = current_database() and pid <> pg_backend_pid()
                                  and state like 'idle in transaction%'""", Integer.class) == 0);
    }

    /** A signed-up organization with its owner, signed in. */
    protected record Account(UUID organizationId, UUID userId, String email, String password, String token) {}

    protected static String uniqueEmail(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 8) + "@Example.test";
    }

    protected static String randomIp() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
    }

    protected WebTestClient.RequestHeadersSpec<?> post(String path, Object body) {
        return web.post()
                .uri(path)
                .header("X-Forwarded-For", randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body);
    }

    /** A new organization's owner, signed up and confirmed, signed in with the session the confirmation started. */
    protected Account signedUpOwner() {
        return signedUpOwner(uniqueEmail("owner"), PASSWORD);
    }

    /**
     * Signs {@code email} up, confirms it with the token the confirmation email would carry ({@link #signupToken}) and
     * answers the owner with the session the confirmation started.
     */
    protected Account signedUpOwner(String email, String password) {
        requestSignup(email, password)
                .expectStatus()
                .isAccepted()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("VERIFICATION_PENDING");
        Map<?, ?> confirmed = verifySignup(signupToken(email))
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(confirmed.get("status")).isEqualTo("AUTHENTICATED");
        UUID userId = jdbc.queryForObject("select id from app_user where lower(email) = lower(?)", UUID.class, email);
        UUID organizationId = jdbc.queryForObject("""
                select organization_id from membership where user_id = ? and joined_via = 'CREATED'
                order by created_at desc limit 1""", UUID.class, userId);
        return new Account(organizationId, userId, email, password, (String) confirmed.get("sessionToken"));
    }

    protected WebTestClient.ResponseSpec requestSignup(String email, String password) {
        return post(
                        "/api/v1/signup",
                        Map.of(
                                "organizationName",
                                "Org " + email,
                                "email",
                                email,
                                "password",
                                password,
                                "displayName",
                                "Olivia Owner"))
                .exchange();
    }

    protected WebTestClient.ResponseSpec verifySignup(String token) {
        return post("/api/v1/signup/verify", Map.of("token", token)).exchange();
    }

    /**
     * What the worker does when it writes the confirmation email of the address's pending signup: a new token whose
     * hash the signup keeps (an earlier token stops working, as when the email is sent again).
     */
    protected String signupToken(String email) {
        String token = io.gatekeep.api.sessions.SessionTokens.newToken();
        int updated = jdbc.update(
                "update signup_request set token_hash = ? where lower(email) = lower(?)",
                io.gatekeep.api.sessions.SessionTokens.sha256(token),
                email);
        assertThat(updated).as("a pending signup for %s", email).isEqualTo(1);
        return token;
    }

    protected String signIn(String email, String password) {
        Map<?, ?> response = post("/api/v1/auth/sign-in", Map.of("email", email, "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(response.get("status")).isEqualTo("AUTHENTICATED");
        return (String) response.get("sessionToken");
    }

    /**
     * Makes an ACTIVE user with a password a member of {@code owner}'s organization, signed in: the owner invites the
     * account and the account accepts with its own session (the only way a membership is made).
     */
    protected Account member(Account owner, String role) {
        Account other = signedUpOwner();
        String token = invitationToken(invite(owner, other.email(), role));
        acceptWithSession(token, other.token()).expectStatus().isOk();
        return new Account(owner.organizationId(), other.userId(), other.email(), other.password(), other.token());
    }

    /** {@code actor} invites {@code email} to its organization; the invitation's id. */
    protected UUID invite(Account actor, String email, String role) {
        Map<?, ?> body = web.post()
                .uri("/api/v1/organizations/{org}/members", actor.organizationId())
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + actor.token())
                .header("X-Forwarded-For", randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", email, "role", role))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(body.get("status")).isEqualTo("INVITED");
        return UUID.fromString((String) body.get("invitationId"));
    }

    /** What the worker does when it writes the invitation email: a token whose hash the invitation keeps. */
    protected String invitationToken(UUID invitationId) {
        String token = io.gatekeep.api.sessions.SessionTokens.newToken();
        jdbc.update(
                "update invitation set token_hash = ? where id = ?",
                io.gatekeep.api.sessions.SessionTokens.sha256(token),
                invitationId);
        return token;
    }

    protected WebTestClient.ResponseSpec acceptWithSession(String token, String sessionToken) {
        return web.post()
                .uri("/api/v1/invitations/accept")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + sessionToken)
                .header("X-Forwarded-For", randomIp())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("token", token))
                .exchange();
    }

    protected List<Map<String, Object>> outboxRows(String eventType, UUID userId) {
        return jdbc.queryForList("""
                select event_id, topic, partition_key, event_type, source, subject, occurred_at, schema_version,
                       payload::text as payload, status, next_attempt_at
                from outbox_event where event_type = ? and partition_key = ? order by seq
                """, eventType, userId.toString());
    }

    /** The JSON payload of an outbox row from {@link #outboxRows}. */
    protected static Map<String, Object> payload(Map<String, Object> row) {
        return JSON.readValue(row.get("payload").toString(), new tools.jackson.core.type.TypeReference<>() {});
    }

    protected static Duration minutes(long minutes) {
        return Duration.ofMinutes(minutes);
    }
}
