package io.gatekeep.desk.workflow;

import static io.gatekeep.desk.workflow.RecoveryThreads.ownerReply;
import static io.gatekeep.desk.workflow.RecoveryThreads.passing;
import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import io.gatekeep.events.mfa.MfaResetRefused;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An approval only schedules the reset: the real user (or an owner) is told what will happen and when, with a cancel
 * link of their own, and can stop it until the reset time; only then is {@code MfaResetApproved} published.
 */
class DelayedResetIntegrationTest extends DeskIntegrationTest {

    static final String APPROVED_TYPE = "io.gatekeep.support-ticket.mfa-reset-approved";
    private static final Pattern LINK =
            Pattern.compile("https://gatekeep\\.example\\.test/desk/cancel\\?token=([a-z2-7]{32})");

    @Autowired
    ResetRelease release;

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    record Approved(UUID ticketId, String reference, Person requester, Person owner, Person coOwner) {}

    /** A request the owner approved by an authenticated reply; the organization has a second owner. */
    private Approved approvedTicket() {
        UUID organization = DIRECTORY.organization("Delayco");
        Person owner = DIRECTORY.person("Dora Owner");
        Person coOwner = DIRECTORY.person("Cole Coowner");
        Person requester = DIRECTORY.person("Remy Requester");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, coOwner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        UUID ticketId = (UUID) ticket.get("id");
        String reference = (String) ticket.get("reference");
        String replyTo = jdbc.queryForObject(
                "select reply_to from outgoing_email where cause_key = ?",
                String.class,
                "desk:" + ticketId + ":confirmation:1");
        deliver(ownerReply(
                randomId(),
                owner.email(),
                replyTo,
                "[" + reference + "] Please confirm",
                null,
                passing("acme.example"),
                "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticketId).equals("APPROVED"));
        return new Approved(ticketId, reference, requester, owner, coOwner);
    }

    @Test
    void theApprovalTellsTheRegisteredRequesterAndEveryOwnerWhenWithTheirOwnCancelLinkAndResetsNothingYet() {
        Approved approved = approvedTicket();

        List<Map<String, Object>> notices = notices(approved.ticketId());
        assertThat(notices)
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder(
                        approved.requester().email(),
                        approved.owner().email(),
                        approved.coOwner().email());
        assertThat(notices)
                .allSatisfy(row -> assertThat(row.get("body").toString())
                        .contains("Remy Requester", "Dora Owner", "UTC")
                        .containsPattern(LINK));
        assertThat(notices).extracting(row -> token(row.get("body").toString())).doesNotHaveDuplicates();
        Map<String, Object> times =
                jdbc.queryForMap("select approved_at, reset_at from desk_ticket where id = ?", approved.ticketId());
        assertThat(Duration.between(
                        ((java.sql.Timestamp) times.get("approved_at")).toInstant(),
                        ((java.sql.Timestamp) times.get("reset_at")).toInstant()))
                .isEqualTo(Duration.ofHours(24));
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_message where ticket_id = ? and body_text ~ ?",
                        Integer.class,
                        approved.ticketId(),
                        "token=[a-z2-7]{32}"))
                .as("the thread keeps no link")
                .isZero();
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_cancel_token where ticket_id = ?",
                        Integer.class,
                        approved.ticketId()))
                .isEqualTo(3);

        release.sweep();
        assertThat(events(approved.ticketId(), APPROVED_TYPE))
                .as("not before the reset time")
                .isEmpty();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        release.sweep();
        release.sweep();
        assertThat(events(approved.ticketId(), APPROVED_TYPE))
                .singleElement()
                .satisfies(row -> assertThat(row.get("payload").toString())
                        .contains(
                                "\"approvedVia\":\"OWNER_REPLY\"",
                                "\"resetAt\"",
                                "\"approvedAt\"",
                                approved.owner().id().toString()));
    }

    @Test
    void theRealUsersCancelLinkInsideTheDelayStopsTheResetAndBothAreTold() throws Exception {
        Approved approved = approvedTicket();
        String token = tokenFor(approved.ticketId(), approved.requester().email());

        HttpResponse<String> cancelled = cancel("{\"token\":\"" + token + "\"}");

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.body()).contains("\"status\":\"CANCELLED\"", approved.reference());
        assertThat(status(approved.ticketId())).isEqualTo("CANCELLED");
        assertThat(outgoing(approved.ticketId()))
                .filteredOn(row -> row.get("cause_key").toString().contains(":reset-cancelled:"))
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder(
                        approved.requester().email(),
                        approved.owner().email(),
                        approved.coOwner().email());
        clock.advance(Duration.ofHours(25));
        release.sweep();
        assertThat(events(approved.ticketId(), APPROVED_TYPE)).isEmpty();

        HttpResponse<String> again = cancel("{\"token\":\"" + token + "\"}");
        assertThat(again.statusCode()).isEqualTo(410);
        assertThat(again.body()).contains("\"code\":\"token_expired\"").doesNotContain(token);
        HttpResponse<String> owners = cancel(
                "{\"token\":\"" + tokenFor(approved.ticketId(), approved.owner().email()) + "\"}");
        assertThat(owners.statusCode())
                .as("every link ends with the cancellation")
                .isEqualTo(410);
    }

    @Test
    void anOwnersCancelLinkStopsItTooButNotAfterTheResetTime() throws Exception {
        Approved late = approvedTicket();
        String lateToken = tokenFor(late.ticketId(), late.coOwner().email());
        clock.advance(Duration.ofHours(24));

        HttpResponse<String> tooLate = cancel("{\"token\":\"" + lateToken + "\"}");
        assertThat(tooLate.statusCode()).isEqualTo(410);
        assertThat(tooLate.body()).contains("\"code\":\"token_expired\"");
        assertThat(status(late.ticketId())).isEqualTo("APPROVED");

        Approved inTime = approvedTicket();
        HttpResponse<String> cancelled = cancel(
                "{\"token\":\"" + tokenFor(inTime.ticketId(), inTime.coOwner().email()) + "\"}");
        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(status(inTime.ticketId())).isEqualTo("CANCELLED");
    }

    @Test
    void guessedMalformedOrUnreadableTokensAreRefusedAndAStoppedTicketIsNotCancellable() throws Exception {
        assertThat(cancel("{\"token\":\"aaaabbbbccccddddeeeeffffgggghhhh\"}").body())
                .contains("\"code\":\"invalid_token\"");
        assertThat(cancel("{\"token\":\"../../etc\"}").statusCode()).isEqualTo(400);
        assertThat(cancel("not json").body()).contains("\"code\":\"invalid_token\"");

        Approved approved = approvedTicket();
        publish(new MfaResetRefused(
                approved.ticketId(),
                approved.reference(),
                approved.requester().id(),
                null,
                approved.owner().id(),
                MfaResetRefused.Reason.APPROVER_NOT_ELIGIBLE));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(approved.ticketId()).equals("NEEDS_AGENT"));
        HttpResponse<String> stopped = cancel("{\"token\":\""
                + tokenFor(approved.ticketId(), approved.requester().email()) + "\"}");
        assertThat(stopped.statusCode()).isEqualTo(409);
        assertThat(stopped.body()).contains("\"code\":\"not_cancellable\"");
    }

    @Test
    void stopFromTheRegisteredAddressInsideTheDelayStopsTheReset() {
        Approved approved = approvedTicket();
        String forgedId = randomId();
        deliver(ownerReply(
                forgedId,
                approved.requester().email(),
                SUPPORT,
                "[" + approved.reference() + "] Multi-factor authentication will be turned off",
                null,
                null,
                "STOP"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(forgedId));
        assertThat(status(approved.ticketId()))
                .as("an unauthenticated STOP changes nothing")
                .isEqualTo("APPROVED");

        String stopId = randomId();
        deliver(ownerReply(
                stopId,
                approved.requester().email(),
                SUPPORT,
                "[" + approved.reference() + "] Multi-factor authentication will be turned off",
                null,
                passing("acme.example"),
                "STOP"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(approved.ticketId()).equals("CANCELLED"));
        clock.advance(Duration.ofHours(25));
        release.sweep();
        assertThat(events(approved.ticketId(), APPROVED_TYPE)).isEmpty();
        assertThat(outgoing(approved.ticketId()))
                .filteredOn(row -> row.get("cause_key").toString().contains(":reset-cancelled:"))
                .hasSize(3);
    }

    @Test
    void aRefusedResetGoesBackToAnAgentWithTheReasonAndNoMailClaimsAReset() {
        Approved approved = approvedTicket();
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        release.sweep();
        int mails = outgoing(approved.ticketId()).size();

        publish(new MfaResetRefused(
                approved.ticketId(),
                approved.reference(),
                approved.requester().id(),
                null,
                approved.owner().id(),
                MfaResetRefused.Reason.APPROVER_NOT_ELIGIBLE));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(approved.ticketId()).equals("NEEDS_AGENT"));
        assertThat(jdbc.queryForObject(
                        "select status_reason from desk_ticket where id = ?", String.class, approved.ticketId()))
                .isEqualTo("RESET_REFUSED_APPROVER_NOT_ELIGIBLE");
        assertThat(outgoing(approved.ticketId())).hasSize(mails);
    }

    private List<Map<String, Object>> notices(UUID ticketId) {
        return jdbc.queryForList(
                "select * from outgoing_email where cause_key like ? order by cause_key",
                "desk:" + ticketId + ":approval-notice:%");
    }

    private String tokenFor(UUID ticketId, String recipient) {
        return notices(ticketId).stream()
                .filter(row -> row.get("recipient").equals(recipient))
                .map(row -> token(row.get("body").toString()))
                .findFirst()
                .orElseThrow();
    }

    private static String token(String body) {
        Matcher matcher = LINK.matcher(body);
        return matcher.find() ? matcher.group(1) : null;
    }

    private HttpResponse<String> cancel(String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/desk/cancellations"))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .header("Content-Type", "application/json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
