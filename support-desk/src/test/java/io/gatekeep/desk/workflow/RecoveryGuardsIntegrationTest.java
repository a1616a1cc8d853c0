package io.gatekeep.desk.workflow;

import static io.gatekeep.desk.workflow.RecoveryThreads.ownerReply;
import static io.gatekeep.desk.workflow.RecoveryThreads.passing;
import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static io.gatekeep.desk.workflow.RecoveryThreads.unauthenticatedRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import io.gatekeep.desk.tickets.TicketReference;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;

/**
 * The attacker's stories against the recovery path, over SMTP and IMAP: who may confirm, an authenticated request,
 * tokens that take one decision, and the caps. (The minimum membership age is the default, 7 days.)
 */
class RecoveryGuardsIntegrationTest extends DeskIntegrationTest {

    static final String APPROVED_TYPE = "io.gatekeep.support-ticket.mfa-reset-approved";

    @Test
    void aForgedRequestNeverReachesAnOwner() {
        UUID organization = DIRECTORY.organization("Forgeco");
        Person owner = DIRECTORY.person("Fiona Owner");
        Person victim = DIRECTORY.person("Vic Victim");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, victim, "MEMBER", false);

        String forgedId = randomId();
        deliver(unauthenticatedRequest(forgedId, victim, SUPPORT, owner.email()));
        String failingId = randomId();
        Person other = DIRECTORY.person("Otto Other");
        DIRECTORY.member(organization, other, "MEMBER", false);
        deliver("Authentication-Results: mx.desk.test; dmarc=fail header.from=acme.example\n"
                + unauthenticatedRequest(failingId, other, SUPPORT, owner.email()));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(forgedId) && recorded(failingId));
        for (String id : List.of(forgedId, failingId)) {
            Map<String, Object> ticket = ticketOfMessage(id);
            assertThat(ticket)
                    .containsEntry("status", "NEEDS_AGENT")
                    .containsEntry("status_reason", "REQUESTER_NOT_AUTHENTICATED");
            assertThat(outgoing((UUID) ticket.get("id"))).isEmpty();
            assertThat(failedChecks(id)).contains("sender-authenticated");
        }
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where recipient = ?", Integer.class, owner.email()))
                .isZero();
    }

    @Test
    void theRealUserWritingAgainAuthenticatedAfterAForgeryReachesTheirOwner() {
        UUID organization = DIRECTORY.organization("Againco");
        Person owner = DIRECTORY.person("Alma Owner");
        Person user = DIRECTORY.person("Uma User");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, user, "MEMBER", false);
        String forgedId = randomId();
        deliver(unauthenticatedRequest(forgedId, user, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(forgedId));
        UUID ticket = (UUID) ticketOfMessage(forgedId).get("id");

        String genuineId = randomId();
        deliver(request(genuineId, user, SUPPORT, owner.email()));

        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticket).equals("AWAITING_APPROVAL"));
        assertThat(ticketOfMessage(genuineId).get("id")).isEqualTo(ticket);
        assertThat(outgoing(ticket)).extracting(row -> row.get("recipient")).contains(owner.email());
    }

    @Test
    void theOwnerOfAMinuteOldOrganizationGetsNothingTheRequesterIsToldAnAgentWillReview() {
        Person victim = DIRECTORY.person("Val Victim");
        UUID real = DIRECTORY.organization("Real Co");
        DIRECTORY.member(real, DIRECTORY.person("Rae Owner"), "OWNER", true);
        DIRECTORY.member(real, victim, "MEMBER", false);
        Person outsider = DIRECTORY.person("Oscar Outsider");
        UUID minuteOld = DIRECTORY.organization("Minute Old Inc");
        Instant aMinuteAgo = clock.instant().minus(Duration.ofMinutes(1));
        DIRECTORY.member(minuteOld, outsider, "OWNER", true, "CREATED", aMinuteAgo);
        DIRECTORY.member(minuteOld, victim, "MEMBER", false, "INVITATION", aMinuteAgo);

        String requestId = randomId();
        deliver(request(requestId, victim, SUPPORT, outsider.email()));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        assertThat(ticket)
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "NO_ELIGIBLE_OWNER_COPIED");
        assertThat(outgoing((UUID) ticket.get("id"))).singleElement().satisfies(mail -> {
            assertThat(mail.get("recipient")).isEqualTo(victim.email());
            assertThat((String) mail.get("body")).contains("a support agent will review it");
        });
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_approval_token where approver_user_id = ?",
                        Integer.class,
                        outsider.id()))
                .isZero();
    }

    @Test
    void anOwnerAndAMembershipOlderThanTheMinimumAgeConfirmButNotBefore() {
        UUID organization = DIRECTORY.organization("Newco");
        Person owner = DIRECTORY.person("Nia Owner");
        Person requester = DIRECTORY.person("Ned Newcomer");
        DIRECTORY.member(organization, owner, "OWNER", true, "CREATED", clock.instant());
        DIRECTORY.member(organization, requester, "MEMBER", false, "INVITATION", clock.instant());
        Person earlyBird = DIRECTORY.person("Early Bird");
        DIRECTORY.member(organization, earlyBird, "MEMBER", false, "INVITATION", clock.instant());
        String earlyId = randomId();
        deliver(request(earlyId, earlyBird, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(earlyId));
        assertThat(ticketOfMessage(earlyId))
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "NO_ELIGIBLE_MEMBERSHIP");

        clock.advance(Duration.ofDays(7).plusMinutes(1));
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        UUID ticketId = (UUID) ticket.get("id");
        assertThat(ticket).containsEntry("status", "AWAITING_APPROVAL").containsEntry("approver_role", "OWNER");

        deliver(ownerReply(
                randomId(),
                owner.email(),
                replyTo(ticketId),
                "[" + ticket.get("reference") + "] Please confirm",
                confirmationId(ticketId),
                passing("acme.example"),
                "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> status(ticketId).equals("APPROVED"));
        assertThat(approvedAt(ticketId)).isNotNull();
        assertThat(events(ticketId, APPROVED_TYPE))
                .as("released only at the reset time")
                .isEmpty();
    }

    @Test
    void aReplayedApprovalEmailDoesNothing() {
        Waiting waiting = waitingTicket("Replayco");
        String approval = ownerReply(
                randomId(),
                waiting.owner().email(),
                waiting.replyTo(),
                "[" + waiting.reference() + "] Please confirm",
                waiting.confirmationId(),
                passing("acme.example"),
                "Approve");
        deliver(approval);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("APPROVED"));
        Object approvedAt = approvedAt(waiting.ticketId());

        // the same signed approval re-sent (a new Message-ID, or it would be a mere duplicate)
        String replayId = randomId();
        deliver(approval.replaceFirst("Message-ID: <[^>]+>", "Message-ID: <" + replayId + ">"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(replayId));

        assertThat(status(waiting.ticketId())).isEqualTo("APPROVED");
        assertThat(approvedAt(waiting.ticketId()))
                .as("the approval and its reset time stand")
                .isEqualTo(approvedAt);
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
        assertThat(failedChecks(replayId)).containsExactly("token-unused");
        assertThat(events(waiting.ticketId(), "io.gatekeep.support-ticket.transitioned"))
                .extracting(row -> row.get("payload").toString())
                .noneSatisfy(payload -> assertThat(payload).contains("TOKEN_ALREADY_USED"));
    }

    @Test
    void anApprovalWrittenBeforeTheConfirmationRequestIsRefused() {
        Waiting waiting = waitingTicket("Oldmailco");
        String old = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().minus(Duration.ofDays(20)).atZone(ZoneOffset.UTC));
        String replyId = randomId();
        deliver(ownerReply(
                        replyId,
                        waiting.owner().email(),
                        waiting.replyTo(),
                        "[" + waiting.reference() + "] Please confirm",
                        waiting.confirmationId(),
                        passing("acme.example"),
                        "Approve")
                .replaceFirst("Date: [^\n]+", "Date: " + old));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("NEEDS_AGENT"));
        assertThat(failedChecks(replyId)).containsExactly("reply-newer-than-request");
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
    }

    @Test
    void aReplyToTheConfirmationWithoutTheTokenNeverApproves() {
        Waiting waiting = waitingTicket("Notokenco");
        String replyId = randomId();
        // answered to the From address instead of Reply-To: only the Message-ID links it to the ticket
        deliver(ownerReply(
                replyId,
                waiting.owner().email(),
                SUPPORT,
                "[" + waiting.reference() + "] Please confirm",
                waiting.confirmationId(),
                passing("acme.example"),
                "Approve"));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(replyId));
        assertThat(ticketOfMessage(replyId).get("id")).isEqualTo(waiting.ticketId());
        assertThat(status(waiting.ticketId())).isEqualTo("AWAITING_APPROVAL");
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
    }

    @Test
    void aSecondRequestFromTheSameRequesterJoinsTheOpenTicket() {
        Waiting waiting = waitingTicket("Twiceco");
        String againId = randomId();
        deliver(request(againId, waiting.requester(), SUPPORT, waiting.owner().email()));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(againId));
        assertThat(ticketOfMessage(againId).get("id")).isEqualTo(waiting.ticketId());
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_ticket where requester_address = ?",
                        Integer.class,
                        waiting.requester().email()))
                .isEqualTo(1);
        assertThat(outgoing(waiting.ticketId()))
                .filteredOn(row -> row.get("cause_key").toString().contains(":confirmation:"))
                .hasSize(1);
    }

    @Test
    void theDatabaseHoldsOneOpenTicketPerRequesterWhateverTheReplica() {
        String address = "replica-" + UUID.randomUUID() + "@acme.example";
        insertTicket(address, "NEEDS_AGENT");
        insertTicket(address, "RESOLVED");

        assertThatThrownBy(() -> insertTicket(address, "APPROVED")).isInstanceOf(DuplicateKeyException.class);
    }

    @Test
    void anOwnerGetsAtMostThreeConfirmationRequestsADayThenAnAgentDecides() {
        UUID organization = DIRECTORY.organization("Busyco");
        Person owner = DIRECTORY.person("Bea Busy");
        DIRECTORY.member(organization, owner, "OWNER", true);
        UUID last = null;
        Person fourth = null;
        for (int i = 0; i < 4; i++) {
            Person requester = DIRECTORY.person("Requester " + i);
            DIRECTORY.member(organization, requester, "MEMBER", false);
            String id = randomId();
            deliver(request(id, requester, SUPPORT, owner.email()));
            await().atMost(Duration.ofSeconds(30)).until(() -> recorded(id));
            last = (UUID) ticketOfMessage(id).get("id");
            fourth = requester;
        }

        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where recipient = ? and cause_key like ?",
                        Integer.class,
                        owner.email(),
                        "%:confirmation:%"))
                .isEqualTo(3);
        assertThat(jdbc.queryForMap("select status, status_reason from desk_ticket where id = ?", last))
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "APPROVER_DAILY_CAP_REACHED");
        Person told = fourth;
        assertThat(outgoing(last))
                .singleElement()
                .satisfies(mail -> assertThat(mail.get("recipient")).isEqualTo(told.email()));

        clock.advance(Duration.ofDays(1));
        Person nextDay = DIRECTORY.person("Requester next day");
        DIRECTORY.member(organization, nextDay, "MEMBER", false);
        String id = randomId();
        deliver(request(id, nextDay, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(id));
        assertThat(ticketOfMessage(id)).containsEntry("status", "AWAITING_APPROVAL");
    }

    record Waiting(
            UUID ticketId, String reference, Person requester, Person owner, String replyTo, String confirmationId) {}

    private Waiting waitingTicket(String organizationName) {
        UUID organization = DIRECTORY.organization(organizationName);
        Person owner = DIRECTORY.person("Owner of " + organizationName);
        Person requester = DIRECTORY.person("Member of " + organizationName);
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        UUID ticketId = (UUID) ticket.get("id");
        assertThat(ticket).containsEntry("status", "AWAITING_APPROVAL");
        return new Waiting(
                ticketId,
                (String) ticket.get("reference"),
                requester,
                owner,
                replyTo(ticketId),
                confirmationId(ticketId));
    }

    private String replyTo(UUID ticketId) {
        return jdbc.queryForObject(
                "select reply_to from outgoing_email where cause_key = ?",
                String.class,
                "desk:" + ticketId + ":confirmation:1");
    }

    private String confirmationId(UUID ticketId) {
        return jdbc.queryForObject(
                "select message_id from outgoing_email where cause_key = ?",
                String.class,
                "desk:" + ticketId + ":confirmation:1");
    }

    private void insertTicket(String address, String status) {
        jdbc.update(
                """
                insert into desk_ticket (id, reference, status, requester_address, created_at, updated_at, expires_at)
                values (?, ?, ?, ?, now(), now(), now() + interval '1 day')""",
                UUID.randomUUID(),
                TicketReference.random(new SecureRandom()).value(),
                status,
                address);
    }

    private List<String> failedChecks(String messageId) {
        return jdbc.queryForList("""
                select c ->> 'name' from desk_message m, jsonb_array_elements(m.checks) c
                where m.message_id = ? and not (c ->> 'passed')::boolean""", String.class, messageId);
    }

    private Object approvedAt(UUID ticketId) {
        return jdbc.queryForObject("select approved_at from desk_ticket where id = ?", Object.class, ticketId);
    }
}
