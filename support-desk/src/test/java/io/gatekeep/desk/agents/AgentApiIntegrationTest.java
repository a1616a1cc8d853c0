package io.gatekeep.desk.agents;

import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.api.mfa.secrets.SecretCipher;
import io.gatekeep.api.mfa.totp.Totp;
import io.gatekeep.api.mfa.totp.TotpSecret;
import io.gatekeep.api.mfa.totp.TotpSecretGenerator;
import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import io.gatekeep.desk.workflow.ResetRelease;
import io.gatekeep.events.mfa.MfaResetRefused;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

class AgentApiIntegrationTest extends DeskIntegrationTest {

    private static final String JUSTIFICATION =
            "{\"justification\":\"Identity checked by video call against the ID on file\"}";

    @LocalServerPort
    int port;

    @Autowired
    AgentAccounts agents;

    @Autowired
    SecretCipher agentSecretCipher;

    @Autowired
    ResetRelease release;

    private final HttpClient http = HttpClient.newHttpClient();

    /** An agent with a known password and TOTP secret. */
    record Agent(String username, String password, TotpSecret secret) {}

    private Agent admin() {
        return new Agent("admin", "Admin-Passw0rd-For-Tests", TotpSecret.fromBase32(ADMIN_TOTP_SECRET));
    }

    private Agent newAgent() {
        Agent agent = new Agent(
                "agent-" + UUID.randomUUID().toString().substring(0, 8),
                "Second-Agent-Passw0rd",
                new TotpSecretGenerator().generate());
        UUID id = UUID.randomUUID();
        agents.createIfAbsent(
                id,
                agent.username(),
                agent.username(),
                agent.password(),
                agentSecretCipher.encrypt(id, agent.secret()));
        return agent;
    }

    @Test
    void oneAgentAloneCannotApproveTwoDifferentAgentsCanAndEveryStepIsAudited() throws Exception {
        UUID ticket = escalatedTicket();
        String first = signIn(admin());

        HttpResponse<String> without =
                call("POST", "/tickets/" + ticket + "/approve", "{\"justification\":\"ok\"}", first);
        assertThat(without.statusCode()).isEqualTo(422);
        assertThat(without.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(without.body())
                .contains("\"code\":\"justification_required\"")
                .doesNotContain("Exception");

        HttpResponse<String> alone = call("POST", "/tickets/" + ticket + "/approve", JUSTIFICATION, first);
        assertThat(alone.statusCode()).isEqualTo(409);
        assertThat(alone.body()).contains("\"code\":\"second_approval_required\"");
        assertThat(status(ticket)).isEqualTo("PENDING_SECOND_APPROVAL");

        HttpResponse<String> twice = call("POST", "/tickets/" + ticket + "/approve", JUSTIFICATION, first);
        assertThat(twice.statusCode()).isEqualTo(409);
        assertThat(twice.body()).contains("\"code\":\"same_agent\"");
        assertThat(status(ticket)).isEqualTo("PENDING_SECOND_APPROVAL");

        String second = signIn(newAgent());
        HttpResponse<String> completed = call("POST", "/tickets/" + ticket + "/approve", JUSTIFICATION, second);
        assertThat(completed.statusCode()).isEqualTo(200);
        assertThat(status(ticket)).isEqualTo("APPROVED");
        assertThat(jdbc.queryForList(
                        "select action from desk_agent_action where ticket_id = ? order by created_at",
                        String.class,
                        ticket))
                .containsExactly("FIRST_APPROVAL", "APPROVE");
        assertThat(jdbc.queryForObject(
                        "select count(distinct agent_id) from desk_agent_action where ticket_id = ?",
                        Integer.class,
                        ticket))
                .isEqualTo(2);
        assertThat(events(ticket, "io.gatekeep.support-ticket.mfa-reset-approved"))
                .as("after the delay only")
                .isEmpty();

        clock.advance(Duration.ofHours(24).plusSeconds(1));
        release.sweep();
        assertThat(events(ticket, "io.gatekeep.support-ticket.mfa-reset-approved"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("payload").toString()).contains("\"approvedVia\":\"AGENT\""));
        String later = signIn(admin());
        HttpResponse<String> again = call("POST", "/tickets/" + ticket + "/approve", JUSTIFICATION, later);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"transition_not_allowed\"");
    }

    @Test
    void anAgentAloneMayApproveATicketWithARecordedOwnerConfirmationButNotOneStillWaitingForTheOwner()
            throws Exception {
        String token = signIn(admin());
        UUID waiting = ticketAwaitingOwner();
        HttpResponse<String> overTheOwner = call("POST", "/tickets/" + waiting + "/approve", JUSTIFICATION, token);
        assertThat(overTheOwner.statusCode()).isEqualTo(409);
        assertThat(overTheOwner.body()).contains("\"code\":\"owner_confirmation_required\"");
        assertThat(status(waiting)).isEqualTo("AWAITING_APPROVAL");

        UUID confirmed = ownerConfirmedThenRefused();
        HttpResponse<String> approved = call("POST", "/tickets/" + confirmed + "/approve", JUSTIFICATION, token);
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(status(confirmed)).isEqualTo("APPROVED");
    }

    @Test
    void queueAndTicketShowTheThreadWithEveryCheckAndNotesAreAudited() throws Exception {
        UUID ticket = escalatedTicket();
        String token = signIn(admin());

        HttpResponse<String> queue = call("GET", "/tickets?status=NEEDS_AGENT&size=200", null, token);
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(ticket.toString());
        assertThat(call("POST", "/tickets/" + ticket + "/notes", "{\"text\":\"called the owner, no answer\"}", token)
                        .statusCode())
                .isEqualTo(200);

        HttpResponse<String> detail = call("GET", "/tickets/" + ticket, null, token);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body())
                .contains("\"sender-authenticated\"", "\"passed\":false", "called the owner", "\"direction\":\"OUT\"");
    }

    @Test
    void anAgentWithoutATotpCodeCannotSignInAndHttpBasicIsGone() throws Exception {
        Agent agent = newAgent();
        HttpResponse<String> noCode = post("/sign-in", """
                {"username":"%s","password":"%s"}""".formatted(agent.username(), agent.password()), null);
        assertThat(noCode.statusCode()).isEqualTo(401);
        assertThat(noCode.body()).contains("\"code\":\"invalid_credentials\"").doesNotContain("token\":\"");
        HttpResponse<String> wrongCode = post("/sign-in", body(agent, "000000"), null);
        assertThat(wrongCode.statusCode()).isEqualTo(401);

        HttpResponse<String> basic = http.send(
                HttpRequest.newBuilder(uri("/tickets"))
                        .header(
                                "Authorization",
                                "Basic "
                                        + Base64.getEncoder()
                                                .encodeToString((agent.username() + ":" + agent.password())
                                                        .getBytes(StandardCharsets.UTF_8)))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(basic.statusCode()).isEqualTo(401);
        assertThat(basic.body()).contains("\"code\":\"unauthorized\"");
        assertThat(call("GET", "/tickets", null, null).statusCode()).isEqualTo(401);
    }

    @Test
    void aTotpCodeSignsInOnceAndTheSessionEndsAtSignOutAndWhenIdle() throws Exception {
        Agent agent = newAgent();
        clock.advance(Duration.ofSeconds(30));
        String code = code(agent);
        HttpResponse<String> signedIn = post("/sign-in", body(agent, code), null);
        assertThat(signedIn.statusCode()).isEqualTo(200);
        assertThat(signedIn.headers().firstValue("Cache-Control")).contains("no-store");
        String token = tokenOf(signedIn);
        assertThat(post("/sign-in", body(agent, code), null).statusCode())
                .as("a code is accepted once")
                .isEqualTo(401);
        assertThat(call("GET", "/tickets", null, token).statusCode()).isEqualTo(200);

        clock.advance(Duration.ofMinutes(31));
        assertThat(call("GET", "/tickets", null, token).statusCode())
                .as("idle for 30 minutes")
                .isEqualTo(401);

        String fresh = signIn(agent);
        assertThat(post("/sign-out", "", fresh).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/tickets", null, fresh).statusCode()).isEqualTo(401);
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_agent_session where token_hash = sha256(?::bytea)",
                        Integer.class,
                        fresh))
                .as("only the hash is stored")
                .isEqualTo(1);
    }

    @Test
    void fiveFailedSignInsInARowLockTheAgentEvenForTheRightCode() throws Exception {
        Agent agent = newAgent();
        for (int i = 0; i < 4; i++) {
            assertThat(post("/sign-in", body(agent, "123456"), null).statusCode())
                    .isEqualTo(401);
        }
        HttpResponse<String> locked = post("/sign-in", body(agent, "123456"), null);
        assertThat(locked.statusCode()).isEqualTo(429);
        assertThat(locked.body()).contains("\"code\":\"locked_out\"");
        assertThat(locked.headers().firstValue("Retry-After")).isPresent();

        clock.advance(Duration.ofSeconds(30));
        assertThat(post("/sign-in", body(agent, code(agent)), null).body()).contains("\"code\":\"locked_out\"");
        clock.advance(Duration.ofMinutes(16));
        assertThat(post("/sign-in", body(agent, code(agent)), null).statusCode())
                .isEqualTo(200);
    }

    @Test
    void unknownTicketsAndBadQueriesGetProblemDocuments() throws Exception {
        String token = signIn(admin());
        HttpResponse<String> unknown = call("GET", "/tickets/" + UUID.randomUUID(), null, token);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"ticket_not_found\"");
        assertThat(call("GET", "/tickets?status=NONSENSE", null, token).body())
                .contains("\"code\":\"invalid_request\"");
    }

    /** A ticket escalated because the owner's reply carried no Authentication-Results. */
    private UUID escalatedTicket() {
        UUID ticket = ticketAwaitingOwner();
        Person owner = owners.get(ticket);
        deliver(io.gatekeep.desk.workflow.RecoveryThreadsAccess.ownerReply(
                randomId(),
                owner.email(),
                replyTo(ticket),
                "[" + reference(ticket) + "] Please confirm",
                null,
                null,
                "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticket).equals("NEEDS_AGENT"));
        return ticket;
    }

    /** The owner approved by an authenticated reply, then the worker's re-check refused the reset. */
    private UUID ownerConfirmedThenRefused() {
        UUID ticket = ticketAwaitingOwner();
        Person owner = owners.get(ticket);
        deliver(io.gatekeep.desk.workflow.RecoveryThreadsAccess.ownerReply(
                randomId(),
                owner.email(),
                replyTo(ticket),
                "[" + reference(ticket) + "] Please confirm",
                null,
                "mx.desk.test; dkim=pass header.d=acme.example; dmarc=pass header.from=acme.example",
                "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticket).equals("APPROVED"));
        publish(new MfaResetRefused(
                ticket, reference(ticket), null, null, owner.id(), MfaResetRefused.Reason.REQUESTER_NOT_ELIGIBLE));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticket).equals("NEEDS_AGENT"));
        return ticket;
    }

    private final java.util.Map<UUID, Person> owners = new java.util.concurrent.ConcurrentHashMap<>();

    private UUID ticketAwaitingOwner() {
        UUID organization = DIRECTORY.organization("Agentco");
        Person owner = DIRECTORY.person("Ada Owner");
        Person requester = DIRECTORY.person("Rob Requester");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        UUID ticket = (UUID) ticketOfMessage(requestId).get("id");
        owners.put(ticket, owner);
        return ticket;
    }

    private String replyTo(UUID ticket) {
        return jdbc.queryForObject(
                "select reply_to from outgoing_email where cause_key = ?",
                String.class,
                "desk:" + ticket + ":confirmation:1");
    }

    private String reference(UUID ticket) {
        return jdbc.queryForObject("select reference from desk_ticket where id = ?", String.class, ticket);
    }

    /** Signs in with a fresh code (the clock moves to the next time step, as an agent would wait for it). */
    private String signIn(Agent agent) throws Exception {
        clock.advance(Duration.ofSeconds(30));
        HttpResponse<String> response = post("/sign-in", body(agent, code(agent)), null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return tokenOf(response);
    }

    private String code(Agent agent) {
        Totp totp = new Totp(clock);
        return totp.codeAt(agent.secret(), totp.currentStep());
    }

    private static String body(Agent agent, String code) {
        return """
                {"username":"%s","password":"%s","code":"%s"}""".formatted(agent.username(), agent.password(), code);
    }

    private static String tokenOf(HttpResponse<String> response) {
        String body = response.body();
        int start = body.indexOf("\"token\":\"") + 9;
        return body.substring(start, body.indexOf('"', start));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + "/api/v1/desk" + path);
    }

    private HttpResponse<String> post(String path, String body, String token) throws Exception {
        return call("POST", path, body, token);
    }

    private HttpResponse<String> call(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
