package io.gatekeep.desk.workflow;

import static io.gatekeep.desk.workflow.RecoveryThreads.ownerReply;
import static io.gatekeep.desk.workflow.RecoveryThreads.passing;
import static io.gatekeep.desk.workflow.RecoveryThreads.randomId;
import static io.gatekeep.desk.workflow.RecoveryThreads.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.desk.DeskIntegrationTest;
import io.gatekeep.desk.FakeDirectory.Person;
import io.gatekeep.desk.mailbox.MailboxReader;
import io.gatekeep.events.mfa.MfaDisabled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

class RecoveryWorkflowIntegrationTest extends DeskIntegrationTest {

    @Autowired
    MailboxReader reader;

    @Autowired
    ResetRelease release;

    static final String APPROVED_TYPE = "io.gatekeep.support-ticket.mfa-reset-approved";

    /** A ticket waiting for its owner: who is who, and the token-carrying headers of the confirmation request. */
    record Waiting(
            UUID ticketId,
            String reference,
            Person requester,
            Person owner,
            String replyTo,
            String confirmationId,
            String requestId) {}

    Waiting ticketAwaitingOwner() {
        UUID organization = DIRECTORY.organization("Acme Widgets");
        Person owner = DIRECTORY.person("Oona Owner");
        Person requester = DIRECTORY.person("Luis Lostcode");
        DIRECTORY.member(organization, owner, "OWNER", true);
        DIRECTORY.member(organization, requester, "MEMBER", false);
        String requestId = randomId();
        deliver(request(requestId, requester, SUPPORT, owner.name() + " <" + owner.email() + ">"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(requestId));
        Map<String, Object> ticket = ticketOfMessage(requestId);
        UUID ticketId = (UUID) ticket.get("id");
        Map<String, Object> confirmation = jdbc.queryForMap(
                "select * from outgoing_email where cause_key = ?", "desk:" + ticketId + ":confirmation:1");
        return new Waiting(
                ticketId,
                (String) ticket.get("reference"),
                requester,
                owner,
                (String) confirmation.get("reply_to"),
                (String) confirmation.get("message_id"),
                requestId);
    }

    @Test
    void ownersAuthenticatedApprovalPublishesResetApprovedAndMfaDisabledResolvesTheTicketAndTellsBoth() {
        Waiting waiting = ticketAwaitingOwner();

        assertThat(status(waiting.ticketId())).isEqualTo("AWAITING_APPROVAL");
        assertThat(waiting.reference()).matches("MFA-[23456789ABCDEFGHJKMNPQRSTWXYZ]{5}");
        List<Map<String, Object>> queued = outgoing(waiting.ticketId());
        assertThat(queued)
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder(
                        waiting.owner().email(), waiting.requester().email());
        Map<String, Object> confirmation = queued.stream()
                .filter(row -> row.get("recipient").equals(waiting.owner().email()))
                .findFirst()
                .orElseThrow();
        assertThat(confirmation.get("from_address")).isEqualTo("Gatekeep Support <" + SUPPORT + ">");
        assertThat((String) confirmation.get("subject")).startsWith("[" + waiting.reference() + "] Please confirm");
        assertThat((String) confirmation.get("body"))
                .contains("Luis Lostcode", "Acme Widgets", "signed out")
                .doesNotContain(token(waiting));
        assertThat(waiting.replyTo()).matches("support-[0-9a-f]{8}\\+[a-z2-7]{32}@desk\\.test");
        // the token travels only in Reply-To: the Message-ID, which replies and forwards copy, is random
        assertThat(waiting.confirmationId())
                .matches("<gk-desk\\.[0-9a-f-]{36}@desk\\.desk\\.test>")
                .doesNotContain(token(waiting));
        assertThat(queued.stream()
                        .filter(row ->
                                row.get("recipient").equals(waiting.requester().email()))
                        .findFirst()
                        .orElseThrow()
                        .get("body")
                        .toString())
                .contains("reply to this email with STOP");
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_message where body_text like ? or message_id like ?",
                        Integer.class,
                        "%" + token(waiting) + "%",
                        "%" + token(waiting) + "%"))
                .isZero();

        String replyId = randomId();
        deliver(ownerReply(
                replyId,
                waiting.owner().email(),
                waiting.replyTo(),
                "[" + waiting.reference() + "] Please confirm",
                waiting.confirmationId(),
                passing("acme.example"),
                "Approve"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("APPROVED"));
        assertThat(events(waiting.ticketId(), APPROVED_TYPE))
                .as("nothing is reset before the delay")
                .isEmpty();
        clock.advance(Duration.ofHours(24).plusMinutes(1));
        release.sweep();
        assertThat(approvedOnKafka(waiting.ticketId()))
                .contains(waiting.owner().id().toString())
                .contains("\"approvedVia\":\"OWNER_REPLY\"")
                .contains(waiting.requester().id().toString());

        publish(new MfaDisabled(
                waiting.requester().id(),
                UUID.randomUUID(),
                MfaDisabled.Reason.SUPPORT_RESET,
                waiting.owner().id(),
                waiting.ticketId(),
                null));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("RESOLVED"));
        assertThat(outgoing(waiting.ticketId()))
                .filteredOn(row -> row.get("cause_key").toString().contains(":resolved:"))
                .extracting(row -> row.get("recipient"))
                .containsExactlyInAnyOrder(
                        waiting.owner().email(), waiting.requester().email());
        assertThat(events(waiting.ticketId(), "io.gatekeep.support-ticket.transitioned"))
                .extracting(row -> row.get("payload").toString())
                .anySatisfy(p -> assertThat(p).contains("\"toStatus\":\"AWAITING_APPROVAL\""))
                .anySatisfy(p -> assertThat(p).contains("\"toStatus\":\"APPROVED\""))
                .anySatisfy(p -> assertThat(p).contains("\"toStatus\":\"RESOLVED\""));
    }

    @Test
    void aRestartMidFlowLosesNothingAndSendsNothingTwice() {
        Waiting waiting = ticketAwaitingOwner();
        String replyId = randomId();

        reader.stop(); // the desk goes down with the ticket waiting for its owner
        try {
            // it died after committing the request but before flagging it: read again after the restart
            markUnseen(waiting.requestId());
            deliver(ownerReply(
                    replyId,
                    waiting.owner().email(),
                    waiting.replyTo(),
                    "[" + waiting.reference() + "] Please confirm",
                    waiting.confirmationId(),
                    passing("acme.example"),
                    "Approve"));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> !recorded(replyId));
        } finally {
            reader.start();
        }

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("APPROVED"));
        await().atMost(Duration.ofSeconds(30)).until(() -> unseenCount() == 0);
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_ticket where requester_address = ?",
                        Integer.class,
                        waiting.requester().email()))
                .isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "select count(*) from desk_message where message_id in (?, ?)",
                        Integer.class,
                        waiting.requestId(),
                        replyId))
                .isEqualTo(2);
        assertThat(outgoing(waiting.ticketId()))
                .extracting(row -> row.get("cause_key").toString())
                .doesNotHaveDuplicates()
                .filteredOn(key -> key.contains(":confirmation:"))
                .hasSize(1);
        assertThat(events(waiting.ticketId(), "io.gatekeep.support-ticket.transitioned"))
                .extracting(row -> row.get("payload").toString())
                .filteredOn(payload -> payload.contains("\"toStatus\":\"APPROVED\""))
                .hasSize(1);
    }

    @Test
    void outOfOfficeReplyCarryingTheTokenInReferencesIsRecordedButNeverApproves() {
        Waiting waiting = ticketAwaitingOwner();
        String autoId = randomId();
        deliver("Auto-Submitted: auto-replied\n"
                + ownerReply(
                        autoId,
                        waiting.owner().email(),
                        SUPPORT,
                        "[" + waiting.reference() + "] Please confirm",
                        waiting.confirmationId(),
                        passing("acme.example"),
                        "Yes"));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(autoId));
        assertThat(status(waiting.ticketId())).isEqualTo("AWAITING_APPROVAL");
        assertThat(jdbc.queryForObject("select kind from desk_message where message_id = ?", String.class, autoId))
                .isEqualTo("AUTOMATED");
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
        assertThat(outgoing(waiting.ticketId())).hasSize(2);
    }

    @Test
    void replyFromAnotherAddressWithTheRightTokenIsEscalatedNeverApproved() {
        Waiting waiting = ticketAwaitingOwner();
        assertForgeryEscalated(
                waiting,
                "mallory@evil.example",
                waiting.replyTo(),
                waiting.confirmationId(),
                passing("evil.example"),
                "sender");
    }

    @Test
    void replyWithoutAuthenticationResultsIsEscalatedWhenAuthenticationIsRequired() {
        Waiting waiting = ticketAwaitingOwner();
        assertForgeryEscalated(
                waiting,
                waiting.owner().email(),
                waiting.replyTo(),
                waiting.confirmationId(),
                null,
                "sender-authenticated");
    }

    @Test
    void replyWithFailingOrUntrustedAuthenticationResultsIsEscalated() {
        Waiting waiting = ticketAwaitingOwner();
        assertForgeryEscalated(
                waiting,
                waiting.owner().email(),
                waiting.replyTo(),
                waiting.confirmationId(),
                "mx.desk.test; dkim=fail header.d=acme.example; dmarc=fail header.from=acme.example",
                "sender-authenticated");
        Waiting other = ticketAwaitingOwner();
        assertForgeryEscalated(
                other,
                other.owner().email(),
                other.replyTo(),
                other.confirmationId(),
                "mx.attacker.example; dmarc=pass header.from=acme.example",
                "sender-authenticated");
    }

    @Test
    void replyWithAWrongTokenOnTheThreadIsEscalatedNeverApproved() {
        Waiting waiting = ticketAwaitingOwner();
        String forged = "aaaabbbbccccddddeeeeffffgggghhhh";
        String replyId = randomId();
        deliver(ownerReply(
                replyId,
                waiting.owner().email(),
                SUPPORT.replace("@", "+" + forged + "@"),
                "[" + waiting.reference() + "] Please confirm",
                "<gk-desk." + UUID.randomUUID() + "@desk.desk.test>",
                passing("acme.example"),
                "Approve"));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("NEEDS_AGENT"));
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
    }

    @Test
    void tokenOfAnotherTicketNeverApprovesEitherTicket() {
        Waiting first = ticketAwaitingOwner();
        Waiting second = ticketAwaitingOwner();
        String replyId = randomId();
        deliver(ownerReply(
                replyId,
                second.owner().email(),
                second.replyTo(),
                "[" + first.reference() + "] Please confirm",
                second.confirmationId(),
                passing("acme.example"),
                "Approve"));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(replyId));
        assertThat(status(second.ticketId())).isEqualTo("NEEDS_AGENT");
        assertThat(status(first.ticketId())).isEqualTo("AWAITING_APPROVAL");
        assertThat(events(first.ticketId(), APPROVED_TYPE)).isEmpty();
        assertThat(events(second.ticketId(), APPROVED_TYPE)).isEmpty();
    }

    @Test
    void replyAllOnTheOriginalWithoutTokenGetsAPointerToTheConfirmationRequest() {
        Waiting waiting = ticketAwaitingOwner();
        String replyId = randomId();
        deliver(ownerReply(
                replyId,
                waiting.owner().email(),
                SUPPORT + ", " + waiting.requester().email(),
                "Lost my MFA recovery code",
                "<" + waiting.requestId() + ">",
                passing("acme.example"),
                "Yes"));

        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(replyId));
        assertThat(status(waiting.ticketId())).isEqualTo("AWAITING_APPROVAL");
        assertThat(outgoing(waiting.ticketId()))
                .filteredOn(row -> row.get("cause_key").toString().endsWith(":pointer:1"))
                .singleElement()
                .satisfies(row -> assertThat(row.get("recipient"))
                        .isEqualTo(waiting.owner().email()));
    }

    @Test
    void ownerDenialClosesTheTicketAndTellsTheRequester() {
        Waiting waiting = ticketAwaitingOwner();
        deliver(ownerReply(
                randomId(),
                waiting.owner().email(),
                waiting.replyTo(),
                "[" + waiting.reference() + "] Please confirm",
                waiting.confirmationId(),
                passing("acme.example"),
                "No."));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("DENIED"));
        assertThat(outgoing(waiting.ticketId()))
                .extracting(row -> row.get("cause_key").toString())
                .contains("desk:" + waiting.ticketId() + ":denied");
    }

    @Test
    void stopFromTheRequesterCancelsAndTheTokenNoLongerApproves() {
        Waiting waiting = ticketAwaitingOwner();
        String stopId = randomId();
        deliver(ownerReply(
                stopId,
                waiting.requester().email(),
                SUPPORT,
                "[" + waiting.reference() + "] A reset of your multi-factor authentication was requested",
                null,
                null,
                "STOP"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("CANCELLED"));

        String lateId = randomId();
        deliver(ownerReply(
                lateId,
                waiting.owner().email(),
                waiting.replyTo(),
                "[" + waiting.reference() + "] Please confirm",
                waiting.confirmationId(),
                passing("acme.example"),
                "Approve"));
        await().atMost(Duration.ofSeconds(30)).until(() -> recorded(lateId));
        assertThat(status(waiting.ticketId())).isEqualTo("CANCELLED");
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
    }

    private void assertForgeryEscalated(
            Waiting waiting, String from, String to, String inReplyTo, String auth, String failedCheck) {
        String replyId = randomId();
        deliver(ownerReply(
                replyId, from, to, "[" + waiting.reference() + "] Please confirm", inReplyTo, auth, "Approve"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> status(waiting.ticketId()).equals("NEEDS_AGENT"));
        assertThat(events(waiting.ticketId(), APPROVED_TYPE)).isEmpty();
        assertThat(failedChecks(replyId)).contains(failedCheck);
    }

    private List<String> failedChecks(String messageId) {
        return jdbc.queryForList("""
                select c ->> 'name' from desk_message m, jsonb_array_elements(m.checks) c
                where m.message_id = ? and not (c ->> 'passed')::boolean""", String.class, messageId);
    }

    private static String token(Waiting waiting) {
        return waiting.replyTo()
                .substring(waiting.replyTo().indexOf('+') + 1, waiting.replyTo().indexOf('@'));
    }

    /** The MfaResetApproved record of the ticket, read from Kafka itself. */
    private static String approvedOnKafka(UUID ticketId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, ENV.kafkaBootstrapServers());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "desk-test-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> found = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer =
                new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(ENV.topicPrefix() + "support-ticket"));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String type =
                            new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8);
                    if (new String(record.key(), StandardCharsets.UTF_8).equals(ticketId.toString())
                            && type.equals(APPROVED_TYPE)) {
                        found.add(new String(record.value(), StandardCharsets.UTF_8));
                    }
                }
                return !found.isEmpty();
            });
        }
        return found.get(0).replace("\": ", "\":");
    }
}
