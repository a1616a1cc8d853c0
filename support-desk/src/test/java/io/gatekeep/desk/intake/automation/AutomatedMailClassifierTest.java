package io.gatekeep.desk.intake.automation;

import static io.gatekeep.desk.intake.SampleMail.message;
import static io.gatekeep.desk.intake.SampleMail.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.InboundMessage;
import io.gatekeep.desk.intake.SampleMail;
import io.gatekeep.desk.intake.automation.Signal.Kind;
import io.gatekeep.desk.intake.reply.Decision;
import io.gatekeep.desk.intake.reply.DecisionWords;
import io.gatekeep.desk.intake.reply.ReplyText;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AutomatedMailClassifierTest {

    private final AutomatedMailClassifier classifier = new AutomatedMailClassifier(
            Set.of("Support@desk.gatekeep.test", "no-reply@gatekeep.local"), Set.of("desk.gatekeep.test"));

    @Test
    void classifiesAnOutOfOfficeReplyCarryingTheTokenAsAutomated() {
        InboundMessage outOfOffice = parsed(SampleMail.outlookOutOfOffice());

        Classification classification = classifier.classify(outOfOffice);

        assertThat(outOfOffice.references()).containsExactly(SampleMail.CONFIRMATION_ID);
        assertThat(DecisionWords.decide(ReplyText.of(outOfOffice)))
                .as("its text alone would approve")
                .isEqualTo(Decision.APPROVE);
        assertThat(classification.automated()).isTrue();
        assertThat(classification.signals())
                .extracting(Signal::kind)
                .contains(Kind.AUTO_SUBMITTED, Kind.AUTO_REPLY_HEADER, Kind.AUTO_REPLY_SUBJECT, Kind.NULL_RETURN_PATH);
    }

    @Test
    void classifiesAnOutOfOfficeReplyWithoutAutoSubmittedByItsOtherMarks() {
        String withoutRfc3834 = new String(SampleMail.outlookOutOfOffice(), java.nio.charset.StandardCharsets.UTF_8)
                .replace("Auto-Submitted: auto-generated\r\n", "")
                .replace("Return-Path: <>", "Return-Path: <olivia.owner@acme.example>");

        Classification classification = classifier.classify(parsed(SampleMail.raw(withoutRfc3834)));

        assertThat(classification.automated()).isTrue();
        assertThat(classification.has(Kind.AUTO_SUBMITTED)).isFalse();
        assertThat(classification.signals())
                .extracting(Signal::detail)
                .contains("X-Auto-Response-Suppress present", "subject starts with 'automatic reply:'");
    }

    @Test
    void classifiesADeliveryStatusNotificationAsAutomated() {
        Classification classification = classifier.classify(parsed(SampleMail.dsnBounce()));

        assertThat(classification.signals())
                .extracting(Signal::kind)
                .contains(Kind.DELIVERY_REPORT, Kind.NULL_RETURN_PATH, Kind.SYSTEM_SENDER, Kind.AUTO_SUBMITTED);
    }

    @Test
    void classifiesAReadReceiptAsAutomated() {
        InboundMessage receipt = parsed(message(
                "From: olivia.owner@acme.example\nSubject: Read: [MFA-7Q4K2]\n"
                        + "Content-Type: multipart/report; report-type=disposition-notification; boundary=r",
                """
                --r
                Content-Type: text/plain

                Your message was read.
                --r
                Content-Type: message/disposition-notification

                Final-Recipient: rfc822; olivia.owner@acme.example
                Disposition: manual-action/MDN-sent-manually; displayed
                --r--
                """));

        assertThat(classifier.classify(receipt).has(Kind.DELIVERY_REPORT)).isTrue();
        assertThat(receipt.reportType()).contains("disposition-notification");
    }

    @Test
    void leavesAHumanReplyAlone() {
        Classification classification = classifier.classify(parsed(SampleMail.gmailReplyApproving()));

        assertThat(classification.automated()).isFalse();
        assertThat(classification.signals()).isEmpty();
    }

    @Test
    void acceptsAutoSubmittedNo() {
        assertThat(classifier
                        .classify(parsed(
                                message("From: max@acme.example\nAuto-Submitted: No (a person wrote this)", "hi")))
                        .automated())
                .isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Auto-Submitted: auto-replied",
                "Auto-Submitted: auto-notified; owner-email=x@y.example",
                "Auto-Submitted:",
                "Precedence: bulk",
                "Precedence: JUNK",
                "Precedence: list",
                "Precedence: auto_reply",
                "X-Autoreply: yes",
                "X-Autorespond: on",
                "List-Id: Acme staff <staff.acme.example>",
                "List-Unsubscribe: <mailto:leave@lists.acme.example>",
                "Return-Path: <>",
                "From: MAILER-DAEMON@mx.acme.example",
                "From: postmaster@acme.example",
                "From: no-reply@saas.example",
                "Subject: Out of Office: back Monday",
                "Subject: Undeliverable: [MFA-7Q4K2]",
                "From: Gatekeep <SUPPORT+7q4k2@desk.gatekeep.test>",
                "From: no-reply@gatekeep.local",
                "Message-ID: <reply.7q4k2@desk.gatekeep.test>"
            })
    void classifiesEachMarkAsAutomated(String header) {
        String headers = header.startsWith("From:") ? header : "From: olivia.owner@acme.example\n" + header;

        assertThat(classifier.classify(parsed(message(headers, "approve"))).automated())
                .isTrue();
    }

    @Test
    void doesNotMistakeAReplyReferencingTheDesksMessageForItsOwn() {
        InboundMessage reply = parsed(message(
                "From: olivia.owner@acme.example\nMessage-ID: <x1@mail.acme.example>\n" + "In-Reply-To: <"
                        + SampleMail.CONFIRMATION_ID + ">",
                "approve"));

        assertThat(classifier.classify(reply).automated()).isFalse();
    }
}
