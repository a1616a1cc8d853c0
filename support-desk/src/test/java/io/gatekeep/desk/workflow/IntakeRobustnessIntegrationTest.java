package io.gatekeep.desk.workflow;

import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class IntakeRobustnessIntegrationTest extends DeskIntegrationTest {

    @Autowired
    Expiry expiry;

    @Test
    void duplicateDeliveryOfOneMessageMakesOneTicketAndOneSetOfMails() {
        Person owner = DIRECTORY.person("Dora Owner");
        Person requester = DIRECTORY.person("Dan Dup");
        UUID organization = DIRECTORY.organization("Dupco");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        String raw = request(requestId, requester, SUPPORT, owner.email());

        deliver(raw);
        deliver(raw);
        await().atMost(Duration.ofSeconds(30)).until(() -> unseenCount() == 0 && recorded(requestId));
        deliver(raw);
        await().atMost(Duration.ofSeconds(30)).until(() -> unseenCount() == 0);

        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_ticket where requester_address = ?",
                        Integer.class,
                        requester.email()))
                .isEqualTo(1);
        assertThat(outgoing((UUID) ticketOfMessage(requestId).get("id"))).hasSize(2);
    }

    @Test
    void aMessageArrivingWhileTheDirectoryIsDownStaysUnprocessedAndIsAppliedOnceItIsBack() {
        Person owner = DIRECTORY.person("Olive Owner");
        Person requester = DIRECTORY.person("Rita Retry");
        UUID organization = DIRECTORY.organization("Retryco");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        DIRECTORY.available = false;
        try {
            deliver(request(requestId, requester, SUPPORT, owner.email()));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> !recorded(requestId));
            assertThat(unseenCount()).isPositive();
        } finally {
            DIRECTORY.available = true;
        }
        // the next IDLE renewal (5 s in tests) searches the mailbox again
        await().atMost(Duration.ofSeconds(40)).until(() -> recorded(requestId));
        UUID ticket = (UUID) ticketOfMessage(requestId).get("id");
        assertThat(status(ticket)).isEqualTo("AWAITING_APPROVAL");
        assertThat(outgoing(ticket)).hasSize(2);
    }

    @Test
    void unregisteredSenderIsToldWhatIsNeededOnOneTicketButAutomaticAnswersToOneAddressAreCappedPerHour() {
        String stranger = "stranger-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";
        for (int i = 0; i < 5; i++) {
            deliver("""
                    Authentication-Results: %s
                    From: %s
                    To: %s
                    Subject: please reset my 2FA (%d)
                    Message-ID: <%s>

                    I lost my authenticator.
                    """.formatted(RecoveryThreads.passing("elsewhere.example"), stranger, SUPPORT, i, randomId()));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from desk_message where direction = 'IN' and from_address = ?",
                                Integer.class,
                                stranger)
                        == 5);

        // one open ticket per requester: the later requests joined the first one's thread
        assertThat(jdbc.queryForList(
                        "select status_reason from desk_ticket where requester_address = ?", String.class, stranger))
                .containsExactly("REQUESTER_NOT_REGISTERED");
        assertThat(jdbc.queryForObject(
                        "select count(*) from outgoing_email where recipient = ?", Integer.class, stranger))
                .isEqualTo(3);
    }

    @Test
    void autoRepliesAndBouncesAreRecordedButNeverAnswered() {
        String robot = "robot-" + UUID.randomUUID().toString().substring(0, 8) + "@elsewhere.example";
        String autoId = randomId();
        deliver("""
                From: %s
                To: %s
                Subject: Automatic reply: MFA reset
                Auto-Submitted: auto-replied
                Message-ID: <%s>

                I am out of the office.
                """.formatted(robot, SUPPORT, autoId));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(autoId));
        assertThat(jdbc.queryForObject("select kind from desk_message where message_id = ?", String.class, autoId))
                .isEqualTo("AUTOMATED");
        assertThat(jdbc.queryForObject("select count(*) from outgoing_email where recipient = ?", Integer.class, robot))
                .isZero();
    }

    @Test
    void aTicketNobodyConfirmsExpiresAfterItsTimeAndTheRequesterIsTold() {
        Person owner = DIRECTORY.person("Egon Owner");
        Person requester = DIRECTORY.person("Eve Expiring");
        UUID organization = DIRECTORY.organization("Expireco");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        UUID ticket = (UUID) ticketOfMessage(requestId).get("id");

        clock.advance(Duration.ofHours(71));
        expiry.sweep();
        assertThat(status(ticket)).isEqualTo("AWAITING_APPROVAL");
        clock.advance(Duration.ofHours(1));
        expiry.sweep();

        assertThat(status(ticket)).isEqualTo("EXPIRED");
        assertThat(outgoing(ticket)).extracting(row -> row.get("cause_key")).contains("desk:" + ticket + ":expired");
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_approval_token where ticket_id = ? and used_at is null",
                        Integer.class,
                        ticket))
                .isZero();
    }

    @Test
    void anOnlyOwnerIsNeverConfirmedByAMemberWhoManagesAccessAnAgentDecidesAndTheyAreToldSo() {
        Person soleOwner = DIRECTORY.person("Sol Owner");
        Person manager = DIRECTORY.person("Mia Manager");
        UUID organization = DIRECTORY.organization("Soloco");
        DIRECTORY.member(organization, soleOwner, "OWNER", true);
        DIRECTORY.member(organization, manager, "ADMIN", true);
        String requestId = randomId();
        deliver(request(requestId, soleOwner, SUPPORT, manager.email()));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        assertThat(ticket)
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "NO_ELIGIBLE_OWNER_COPIED");
        assertThat(outgoing((UUID) ticket.get("id"))).singleElement().satisfies(mail -> {
            assertThat(mail.get("recipient")).isEqualTo(soleOwner.email());
            assertThat((String) mail.get("subject")).contains("An agent will review your request");
        });

        Person lonely = DIRECTORY.person("Lone Owner");
        UUID alone = DIRECTORY.organization("Aloneco");
        DIRECTORY.member(alone, lonely, "OWNER", true);
        String lonelyId = randomId();
        deliver(request(lonelyId, lonely, SUPPORT, "friend@elsewhere.example"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(lonelyId));
        assertThat(ticketOfMessage(lonelyId))
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "NO_ELIGIBLE_OWNER");
    }

    @Test
    void malformedAndOverLimitMessagesBecomeTicketsForAnAgentNeverCrashesNorLosses() {
        String brokenId = randomId();
        deliver("""
                From: someone@acme.example
                To: %s
                Subject: =?x-unknown-charset?Q?MFA_reset?=
                Message-ID: <%s>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="never-closed"

                --never-closed
                Content-Type: text/plain; charset=klingon-8
                Content-Transfer-Encoding: base64

                this is not base64 !!!
                """.formatted(SUPPORT, brokenId));
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 1300; i++) {
            parts.append("--b\nContent-Type: text/plain\n\npart ").append(i).append('\n');
        }
        String manyId = randomId();
        deliver("""
                From: parts@acme.example
                To: %s
                Subject: MFA reset with many parts
                Message-ID: <%s>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                %s--b--
                """.formatted(SUPPORT, manyId, parts));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(brokenId) && recorded(manyId));
        assertThat(ticketOfMessage(manyId))
                .containsEntry("status", "NEEDS_AGENT")
                .containsEntry("status_reason", "MESSAGE_TOO_MANY_PARTS");
        assertThat((String) ticketOfMessage(brokenId).get("status")).isIn("NEEDS_AGENT", "AWAITING_REQUESTER");
    }

    @Test
    void aThousandPartAndATwentyMegabyteMessageAreReadWithinTheLimits() {
        Person requester = DIRECTORY.person("Big Sender");
        UUID bigco = DIRECTORY.organization("Bigco");
        DIRECTORY.member(bigco, requester, "MEMBER", false);
        DIRECTORY.member(bigco, DIRECTORY.person("Bigco Owner"), "OWNER", false);
        StringBuilder parts = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            parts.append("--b\nContent-Type: text/plain\n\n")
                    .append(i == 0 ? "Please reset my MFA." : "part " + i)
                    .append('\n');
        }
        String thousandId = randomId();
        String authenticated = "Authentication-Results: " + RecoveryThreads.passing("acme.example") + "\n";
        deliver(authenticated
                + """
                From: %s
                To: %s
                Subject: MFA reset
                Message-ID: <%s>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                %s--b--
                """.formatted(
                        requester.email(), SUPPORT, thousandId, parts.toString().stripTrailing() + "\n"));
        String bigId = randomId();
        String line = "A".repeat(76) + "\n";
        deliver(authenticated + """
                From: %s
                To: %s
                Subject: MFA reset, logs attached
                Message-ID: <%s>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="b"

                --b
                Content-Type: text/plain

                Please reset my MFA.
                --b
                Content-Type: application/octet-stream
                Content-Transfer-Encoding: base64

                %s--b--
                """.formatted(requester.email(), SUPPORT, bigId, line.repeat(20 * 1024 * 1024 / 77)));

        await().atMost(Duration.ofSeconds(60)).until(() -> recorded(thousandId) && recorded(bigId));
        assertThat(ticketOfMessage(thousandId)).containsEntry("status_reason", "NO_OWNER_COPIED");
        assertThat(ticketOfMessage(bigId)).containsEntry("status_reason", "NO_OWNER_COPIED");
    }
}
