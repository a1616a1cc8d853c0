package io.gatekeep.desk.intake.reply;

import static io.gatekeep.desk.intake.SampleMail.parsed;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.SampleMail;
import org.junit.jupiter.api.Test;

class ReplyTextTest {

    @Test
    void keepsWhatTheSenderWroteAboveGmailsQuotedHistory() {
        ReplyText reply = ReplyText.of(parsed(SampleMail.gmailReplyApproving()));

        assertThat(reply.text()).isEqualTo("Yes, approve.\n\nOlivia");
        assertThat(reply.firstMeaningfulLine()).contains("Yes, approve.");
    }

    @Test
    void usesTheHtmlWithoutOutlooksHistoryWhenThereIsNoPlainText() {
        ReplyText reply = ReplyText.of(parsed(SampleMail.outlookWebHtmlOnlyDenying()));

        assertThat(reply.text()).isEqualTo("Deny – I did not hear from Max about this.\nOlivia");
    }

    @Test
    void cutsOutlookDesktopHistoryStartingAtTheFromSentBlock() {
        ReplyText reply = ReplyText.extract(SampleMail.outlookDesktopPlainReply("Approve"));

        assertThat(reply.text()).isEqualTo("Approve\n\nOlivia Owner | Acme Corp");
    }

    @Test
    void cutsAtOutlooksOriginalMessageSeparator() {
        ReplyText reply = ReplyText.extract("""
                no

                -----Original Message-----
                From: Gatekeep Support [mailto:support@desk.gatekeep.test]
                Subject: Confirm
                approve
                """);

        assertThat(reply.text()).isEqualTo("no");
    }

    @Test
    void cutsAtOutlookMobilesUnderscoreSeparator() {
        ReplyText reply = ReplyText.extract("""
                Confirm
                ________________________________
                From: Gatekeep Support <support@desk.gatekeep.test>
                Sent: Tuesday, March 3, 2026 10:15:09 AM
                approve
                """);

        assertThat(reply.text()).isEqualTo("Confirm");
    }

    @Test
    void stopsAtTheMobileSignatureAndDropsTheQuotedAttribution() {
        ReplyText reply = ReplyText.extract(SampleMail.iphoneReply("STOP, this was not me"));

        assertThat(reply.text()).isEqualTo("STOP, this was not me");
    }

    @Test
    void stopsAtTheSignatureDelimiter() {
        ReplyText reply = ReplyText.extract("Approved.\n\n-- \nOlivia Owner\nCEO, Acme Corp\nyes\n");

        assertThat(reply.text()).isEqualTo("Approved.");
    }

    @Test
    void keepsInlineAnswersBetweenQuotedLines() {
        ReplyText reply = ReplyText.extract("""
                On Tue, 3 Mar 2026 at 10:15, Gatekeep Support <support@desk.gatekeep.test> wrote:
                > Do you approve the reset for Max?

                yes

                > Reply "approve" to confirm.
                """);

        assertThat(reply.text()).isEqualTo("yes");
    }

    @Test
    void endsAtAnAttributionWhoseHistoryLostItsQuoteMarks() {
        ReplyText reply = ReplyText.extract("""
                deny
                On Tue, Mar 3, 2026 at 10:15 AM Gatekeep Support <support@desk.gatekeep.test> wrote:
                Max Member asked to switch off multi-factor authentication.
                Reply "approve" to confirm.
                """);

        assertThat(reply.text()).isEqualTo("deny");
    }

    @Test
    void recognisesTranslatedAndWrappedAttributions() {
        assertThat(ReplyText.extract("Ja\n\nAm Di., 3. März 2026 um 10:15 Uhr schrieb Gatekeep Support <\n"
                                + "support@desk.gatekeep.test>:\nMax möchte MFA abschalten.")
                        .text())
                .isEqualTo("Ja");
        assertThat(ReplyText.extract(
                                "Oui\n\nLe mar. 3 mars 2026 à 10:15, Gatekeep Support <support@desk.gatekeep.test> a écrit :\n"
                                        + "Max souhaite désactiver la MFA.")
                        .text())
                .isEqualTo("Oui");
        assertThat(ReplyText.extract("ok\n2026-03-03 10:15 GMT+01:00 Gatekeep Support <support@desk.gatekeep.test>:\n"
                                + "history")
                        .text())
                .isEqualTo("ok");
    }

    @Test
    void leavesAnOrdinaryMessageAlone() {
        String body = "Hello,\n\nI lost my phone and my recovery code.\nMy owner is olivia.owner@acme.example.\n\nMax";

        assertThat(ReplyText.extract(body).text()).isEqualTo(body);
    }

    @Test
    void givesNothingWhenTheSenderWroteNothingAboveTheQuote() {
        ReplyText reply = ReplyText.extract("\n\n> Reply \"approve\" to confirm.\n");

        assertThat(reply.isEmpty()).isTrue();
        assertThat(reply.firstMeaningfulLine()).isEmpty();
    }

    @Test
    void skipsBlankAndPunctuationOnlyLinesToFindTheFirstMeaningfulOne() {
        assertThat(ReplyText.extract("\r\n  \r\n...\r\n  Approve  \r\nthanks").firstMeaningfulLine())
                .contains("Approve");
    }
}
