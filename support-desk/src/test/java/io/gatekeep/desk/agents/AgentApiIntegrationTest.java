package io.gatekeep.desk.agents;

import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

class AgentApiIntegrationTest extends DeskIntegrationTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void agentApprovesAnEscalatedTicketOnlyWithAWrittenJustificationAndTheApprovalIsAuditedAndPublished() throws Exception {
        UUID ticket = escalatedTicket();

        HttpResponse<String> without = call("POST", "/tickets/" + ticket + "/approve", "{\"justification\":\"ok\"}", true);
        assertThat(without.statusCode()).isEqualTo(422);
        assertThat(without.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(without.body()).contains("\"code\":\"justification_required\"").doesNotContain("Exception");
        assertThat(status(ticket)).isEqualTo("NEEDS_AGENT");

        HttpResponse<String> with = call("POST", "/tickets/" + ticket + "/approve",
                "{\"justification\":\"Owner confirmed by phone call to the number on file, 10:42 UTC\"}", true);
        assertThat(with.statusCode()).isEqualTo(200);
        assertThat(status(ticket)).isEqualTo("APPROVED");
        assertThat(events(ticket, "io.gatekeep.support-ticket.mfa-reset-approved")).singleElement()
                .satisfies(row -> assertThat(row.get("payload").toString()).contains("\"approvedVia\":\"AGENT\""));
        assertThat(jdbc.queryForObject("select text from desk_agent_action where ticket_id = ? and action = 'APPROVE'",
                String.class, ticket)).contains("phone call");

        HttpResponse<String> again = call("POST", "/tickets/" + ticket + "/approve",
                "{\"justification\":\"Owner confirmed by phone call to the number on file, again\"}", true);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(again.body()).contains("\"code\":\"transition_not_allowed\"");
    }

    @Test
    void queueAndTicketShowTheThreadWithEveryCheckAndNotesAreAudited() throws Exception {
        UUID ticket = escalatedTicket();

        HttpResponse<String> queue = call("GET", "/tickets?status=NEEDS_AGENT&size=200", null, true);
        assertThat(queue.statusCode()).isEqualTo(200);
        assertThat(queue.body()).contains(ticket.toString());
        assertThat(call("POST", "/tickets/" + ticket + "/notes", "{\"text\":\"called the owner, no answer\"}", true)
                .statusCode()).isEqualTo(200);

        HttpResponse<String> detail = call("GET", "/tickets/" + ticket, null, true);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(detail.body()).contains("\"sender-authenticated\"", "\"passed\":false", "called the owner",
                "\"direction\":\"OUT\"");
    }

    @Test
    void requestsWithoutValidAgentCredentialsAndUnknownTicketsGetProblemDocuments() throws Exception {
        HttpResponse<String> anonymous = call("GET", "/tickets", null, false);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");

        HttpResponse<String> unknown = call("GET", "/tickets/" + UUID.randomUUID(), null, true);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"code\":\"ticket_not_found\"");

        assertThat(call("GET", "/tickets?status=NONSENSE", null, true).body()).contains("\"code\":\"invalid_request\"");
    }

    /** A ticket escalated because the owner's reply carried no Authentication-Results. */
    private UUID escalatedTicket() {
        UUID organization = DIRECTORY.organization("Agentco");
        Person owner = DIRECTORY.person("Ada Owner");
        Person requester = DIRECTORY.person("Rob Requester");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        UUID ticket = (UUID) ticketOfMessage(requestId).get("id");
        String replyTo = jdbc.queryForObject("select reply_to from outgoing_email where cause_key = ?", String.class,
                "desk:" + ticket + ":confirmation:1");
        deliver(io.gatekeep.desk.workflow.RecoveryThreadsAccess.ownerReply(randomId(), owner.email(), replyTo,
                "[" + ticketOfMessage(requestId).get("reference") + "] Please confirm", null, null, "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticket).equals("NEEDS_AGENT"));
        return ticket;
    }

    private HttpResponse<String> call(String method, String path, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/desk" + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json");
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    "admin:Admin-Passw0rd-For-Tests".getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
