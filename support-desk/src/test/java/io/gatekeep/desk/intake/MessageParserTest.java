package io.gatekeep.desk.intake;

import static io.gatekeep.desk.intake.SampleMail.CONFIRMATION_ID;
import static io.gatekeep.desk.intake.SampleMail.TOKEN;
import static io.gatekeep.desk.intake.SampleMail.message;
import static io.gatekeep.desk.intake.SampleMail.parsed;
import static io.gatekeep.desk.intake.SampleMail.raw;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    @Test
    void readsTheHeadersOfAGmailReply() {
        InboundMessage message = parsed(SampleMail.gmailReplyApproving());

        assertThat(message.sender()).contains(new MailAddress("olivia.owner@acme.example", "Olivia Owner"));
        assertThat(message.to())
                .extracting(MailAddress::address)
                .containsExactly("support+" + TOKEN + "@desk.gatekeep.test");
        assertThat(message.messageId()).contains("CAHk9x=q2VbE4nLx0r7Zt1m3e8QJp5sWd@mail.gmail.com");
        assertThat(message.inReplyTo()).containsExactly(CONFIRMATION_ID);
        assertThat(message.references()).containsExactly(CONFIRMATION_ID);
        assertThat(message.subject()).isEqualTo("Re: [MFA-7Q4K2] Confirm MFA reset for Max Member");
        assertThat(message.date()).contains(Instant.parse("2026-03-03T10:16:48Z"));
        assertThat(message.returnPath()).contains(MailAddress.of("olivia.owner@acme.example"));
        assertThat(message.nullReturnPath()).isFalse();
        assertThat(message.contentType()).isEqualTo("multipart/alternative");
        assertThat(message.authenticationResults())
                .singleElement()
                .asString()
                .startsWith("mx.desk.gatekeep.test;")
                .contains("dmarc=pass");
        assertThat(message.dedupeKey().asString()).isEqualTo("mid:CAHk9x=q2VbE4nLx0r7Zt1m3e8QJp5sWd@mail.gmail.com");
        assertThat(message.notes()).isEmpty();
    }

    @Test
    void decodesQuotedPrintableBodiesOfBothAlternatives() {
        InboundMessage message = parsed(SampleMail.gmailReplyApproving());

        assertThat(message.plainText())
                .get()
                .asString()
                .startsWith("Yes, approve.\r\n\r\nOlivia")
                .contains("Reply “approve” to confirm or “deny” to refuse.");
        assertThat(message.htmlText())
                .get()
                .asString()
                .startsWith("Yes, approve.\n\nOlivia")
                .contains("> Max Member (max@acme.example) asked");
        assertThat(message.htmlNewText()).contains("Yes, approve.\n\nOlivia");
    }

    @Test
    void turnsAnHtmlOnlyMessageIntoTextInItsCharset() {
        InboundMessage message = parsed(SampleMail.outlookWebHtmlOnlyDenying());

        assertThat(message.plainText()).isEmpty();
        assertThat(message.htmlNewText()).contains("Deny – I did not hear from Max about this.\nOlivia");
        assertThat(message.htmlText())
                .get()
                .asString()
                .contains("From: Gatekeep Support <support+" + TOKEN + "@desk.gatekeep.test>")
                .doesNotContain("margin-top");
        assertThat(message.bodyText()).startsWith("Deny – I did not hear");
    }

    @Test
    void recognisesADeliveryStatusReport() {
        InboundMessage message = parsed(SampleMail.dsnBounce());

        assertThat(message.isMultipartReport()).isTrue();
        assertThat(message.reportType()).contains("delivery-status");
        assertThat(message.nullReturnPath()).isTrue();
        assertThat(message.returnPath()).isEmpty();
        assertThat(message.from()).extracting(MailAddress::address).containsExactly("mailer-daemon@mx.acme.example");
        assertThat(message.plainText()).get().asString().contains("could not\r\nbe delivered");
        assertThat(message.attachments())
                .extracting(InboundMessage.Attachment::contentType)
                .containsExactly("message/delivery-status", "text/rfc822-headers");
    }

    @Test
    void decodesAnIso88591EncodedWordSubject() {
        InboundMessage message = parsed(message("Subject: =?ISO-8859-1?Q?Caf=E9_cr=E8me_=E0_l'=E9cole?=", "x"));

        assertThat(message.subject()).isEqualTo("Café crème à l'école");
    }

    @Test
    void decodesShiftJisAndIso2022JpEncodedWordSubjects() {
        assertThat(parsed(message("Subject: =?Shift_JIS?B?k/qWe4zq?=", "x")).subject())
                .isEqualTo("日本語");
        assertThat(parsed(message("Subject: =?ISO-2022-JP?B?GyRCRnxLXDhsGyhC?=", "x"))
                        .subject())
                .isEqualTo("日本語");
    }

    @Test
    void joinsAdjacentEncodedWordsThatSplitAMultiByteCharacter() {
        byte[] utf8 = "Réinitialisation".getBytes(StandardCharsets.UTF_8);
        String first = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 0, 2));
        String rest = Base64.getEncoder().encodeToString(java.util.Arrays.copyOfRange(utf8, 2, utf8.length));

        InboundMessage message =
                parsed(message("Subject: =?UTF-8?B?" + first + "?=\n =?UTF-8?B?" + rest + "?= MFA", "x"));

        assertThat(message.subject()).isEqualTo("Réinitialisation MFA");
    }

    @Test
    void fallsBackAndNotesABrokenCharsetName() {
        byte[] raw = SampleMail.concat(
                raw("From: max@acme.example\nSubject: =?x-no-such-charset?Q?H=C3=A9llo?=\nMIME-Version: 1.0\n"
                        + "Content-Type: text/plain; charset=\"utf-8\\\" broken\"\n\n"),
                "Grüße\r\n".getBytes(StandardCharsets.UTF_8));

        InboundMessage message = parsed(raw);

        assertThat(message.subject()).isEqualTo("Héllo");
        assertThat(message.plainText()).contains("Grüße\r\n");
        assertThat(message.notes())
                .anyMatch(note -> note.startsWith("Subject: charset 'x-no-such-charset' unknown"))
                .anyMatch(note -> note.startsWith("text/plain body: charset") && note.endsWith("read as UTF-8"));
    }

    @Test
    void readsLatin1BytesWithAnUnknownCharsetAsIso88591() {
        byte[] raw = SampleMail.concat(
                raw("From: max@acme.example\nMIME-Version: 1.0\nContent-Type: text/plain; charset=x-mac-klingon\n\n"),
                "Stra\u00dfe\r\n".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parsed(raw).plainText()).contains("Straße\r\n");
    }

    @Test
    void readsRaw8BitHeadersThatAreNotUtf8AsIso88591() {
        byte[] raw = SampleMail.concat(
                raw("From: max@acme.example\n"),
                "Subject: Stra\u00dfe gesperrt\r\n\r\nhi".getBytes(StandardCharsets.ISO_8859_1));

        assertThat(parsed(raw).subject()).isEqualTo("Straße gesperrt");
    }

    @Test
    void readsAnEncodedWordInAnUnknownCharsetAsIso88591WhenItIsNotUtf8() {
        InboundMessage message = parsed(message("Subject: =?x-mac-klingon?Q?Stra=DFe?=", "x"));

        assertThat(message.subject()).isEqualTo("Straße");
        assertThat(message.notes()).contains("Subject: charset 'x-mac-klingon' unknown, read as ISO-8859-1");
    }

    @Test
    void readsTheCharsetOfAnHtmlBodyFromItsMetaTagWhenContentTypeNamesNone() {
        byte[] raw = SampleMail.concat(
                raw("From: max@acme.example\nContent-Type: text/html\n\n"),
                "<html><head><meta charset=\"windows-1252\"></head><body>Deny \u2013 not me</body></html>"
                        .getBytes(Charset.forName("windows-1252")));

        assertThat(parsed(raw).htmlText()).contains("Deny – not me");
    }

    @Test
    void decodesABase64BodyInItsCharset() {
        String body = Base64.getMimeEncoder().encodeToString("Не я, STOP.\r\n".getBytes(Charset.forName("KOI8-R")));

        InboundMessage message = parsed(message("""
                From: max@acme.example
                Content-Type: text/plain; charset=KOI8-R
                Content-Transfer-Encoding: base64""", body + "\n"));

        assertThat(message.plainText()).contains("Не я, STOP.\r\n");
    }

    @Test
    void decodesBrokenBase64Leniently() {
        InboundMessage message = parsed(message("""
                From: max@acme.example
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: base64""", "QXBwcm92\n!!\nZS4"));

        assertThat(message.plainText()).contains("Approve.");
    }

    @Test
    void decodesQuotedPrintableWithSoftBreaksAndBadEscapes() {
        InboundMessage message = parsed(message("""
                From: max@acme.example
                Content-Type: text/plain; charset=utf-8
                Content-Transfer-Encoding: Quoted-Printable (as usual)""", "Je confirme la r=C3=A9initia=\nlisation =3D ok, 100=% s=FBr=\n"));

        assertThat(message.plainText()).contains("Je confirme la réinitialisation = ok, 100=% s\uFFFDr");
    }

    @Test
    void decodesRaw8BitUtf8Headers() {
        InboundMessage message = parsed(raw("From: \"Zoë Ünal\" <ZOE@acme.example>\nSubject: Grüße\n\nhi"));

        assertThat(message.sender()).contains(new MailAddress("zoe@acme.example", "Zoë Ünal"));
        assertThat(message.subject()).isEqualTo("Grüße");
    }

    @Test
    void normalisesAddressesAndDecodesDisplayNames() {
        InboundMessage message = parsed(message("""
                From: =?UTF-8?Q?Max_M=C3=BCller?= <  Max.Mueller@ACME.example >
                To: support@desk.gatekeep.test, "Owner, Olivia" <Olivia.Owner@acme.example>
                Cc: undisclosed-recipients:;, team: A@acme.example, B@acme.example;
                Reply-To: <MAX@Home.example>""", "hello"));

        assertThat(message.sender()).contains(new MailAddress("max.mueller@acme.example", "Max Müller"));
        assertThat(message.to())
                .extracting(MailAddress::address)
                .containsExactly("support@desk.gatekeep.test", "olivia.owner@acme.example");
        assertThat(message.to().get(1).displayName()).isEqualTo("Owner, Olivia");
        assertThat(message.cc()).extracting(MailAddress::address).containsExactly("a@acme.example", "b@acme.example");
        assertThat(message.replyTo()).extracting(MailAddress::address).containsExactly("max@home.example");
    }

    @Test
    void neverPicksASenderFromSeveralFromHeaders() {
        InboundMessage message =
                parsed(message("From: attacker@evil.example\nFrom: olivia.owner@acme.example", "approve"));

        assertThat(message.from()).hasSize(2);
        assertThat(message.sender()).isEmpty();
        assertThat(message.notes()).contains("more than one From header");
    }

    @Test
    void ignoresAnUnparseableFromButReadsOtherAddressesLeniently() {
        InboundMessage message = parsed(message("From: Olivia <olivia@acme.example\nCc: Max <<max@acme.example>", "x"));

        assertThat(message.from()).isEmpty();
        assertThat(message.cc()).extracting(MailAddress::address).containsExactly("max@acme.example");
        assertThat(message.notes()).contains("From could not be parsed and is ignored");
    }

    @Test
    void keepsEncodedLineBreaksOutOfTheSubject() {
        InboundMessage message = parsed(message("Subject: =?UTF-8?Q?Hi=0D=0ABcc:_x@evil.example?=", "x"));

        assertThat(message.subject()).isEqualTo("Hi Bcc: x@evil.example");
    }

    @Test
    void readsMessageIdListsTolerantly() {
        InboundMessage message = parsed(message("""
                Message-ID: <abc@host.example> (comment)
                In-Reply-To: <one@host.example> <two@host.example>
                References: <a@x.example>
                 <b@x.example>	<c@x.example>
                References: broken@x.example""", "x"));

        assertThat(message.messageId()).contains("abc@host.example");
        assertThat(message.inReplyTo()).containsExactly("one@host.example", "two@host.example");
        assertThat(message.references()).containsExactly("a@x.example", "b@x.example", "c@x.example");
        assertThat(message.referencedIds()).contains("one@host.example", "c@x.example");
    }

    @Test
    void fallsBackToTheContentHashWithoutAMessageId() {
        byte[] raw = message("From: max@acme.example\nSubject: reset please", "I lost my phone.");

        InboundMessage message = parsed(raw);

        assertThat(message.dedupeKey().kind()).isEqualTo(DedupeKey.Kind.CONTENT_SHA256);
        assertThat(message.dedupeKey().asString()).isEqualTo("sha256:" + DedupeKey.sha256Hex(raw));
        assertThat(parsed(raw).dedupeKey()).isEqualTo(message.dedupeKey());
    }

    @Test
    void hashesAnOverlongMessageIdIntoTheKey() {
        String id = "x".repeat(300) + "@host.example";

        DedupeKey key = parsed(message("Message-ID: <" + id + ">", "x")).dedupeKey();

        assertThat(key.kind()).isEqualTo(DedupeKey.Kind.MESSAGE_ID_SHA256);
        assertThat(key.asString()).hasSizeLessThanOrEqualTo(216);
    }

    @Test
    void notesAnUnparseableDateAndAnUnknownTransferEncoding() {
        InboundMessage message = parsed(message("""
                Date: yesterday-ish
                Content-Transfer-Encoding: x-rot13""", "nccebir"));

        assertThat(message.date()).isEmpty();
        assertThat(message.plainText()).contains("nccebir");
        assertThat(message.notes())
                .contains("Date could not be parsed")
                .anyMatch(note -> note.contains("unknown transfer encoding 'x-rot13'"));
    }

    @Test
    void keepsAMultipartWithoutBoundaryAsAnAttachment() {
        InboundMessage message = parsed(message("Content-Type: multipart/mixed", "--x\n\nhello\n--x--\n"));

        assertThat(message.plainText()).isEmpty();
        assertThat(message.attachments()).hasSize(1);
        assertThat(message.notes()).contains("multipart/mixed without a boundary kept as an attachment");
    }

    @Test
    void describesAttachmentsWithRfc2231Names() {
        InboundMessage message = parsed(message("Content-Type: multipart/mixed; boundary=b", """
                --b
                Content-Type: text/plain; charset=utf-8

                See the screenshot.
                --b
                Content-Type: image/png
                Content-Disposition: attachment; filename*=UTF-8''%E2%82%AC%20invoice.png
                Content-Transfer-Encoding: base64

                iVBORw0KGgo=
                --b--
                """));

        assertThat(message.plainText()).contains("See the screenshot.");
        assertThat(message.attachments()).singleElement().satisfies(attachment -> {
            assertThat(attachment.fileName()).isEqualTo("€ invoice.png");
            assertThat(attachment.contentType()).isEqualTo("image/png");
        });
    }

    @Test
    void describesAnAttachmentNamedOnlyInItsContentType() {
        InboundMessage message = parsed(message("Content-Type: multipart/mixed; boundary=b", """
                --b
                Content-Type: text/plain

                Logs attached.
                --b
                Content-Type: application/pdf; name*=UTF-8''%E2%82%AC%20logs.pdf

                JVBERi0=
                --b
                Content-Type: application/zip; name="=?UTF-8?Q?r=C3=A9sum=C3=A9?=.zip"

                UEsDBA==
                --b--
                """));

        assertThat(message.attachments())
                .extracting(InboundMessage.Attachment::fileName)
                .containsExactly("€ logs.pdf", "résumé.zip");
        assertThat(message.attachments())
                .extracting(InboundMessage.Attachment::encodedSizeBytes)
                .containsExactly(8L, 8L);
    }

    @Test
    void keepsMessageIdsThatDifferOnlyInNonAsciiCharactersApart() {
        DedupeKey first = parsed(message("Message-ID: <r\u00e9ponse@acme.example> (sent by a broken client)", "x"))
                .dedupeKey();
        DedupeKey second =
                parsed(message("Message-ID: <r\u00e8ponse@acme.example>", "x")).dedupeKey();

        assertThat(first.asString()).isEqualTo("mid:r\u00e9ponse@acme.example");
        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void readsFromAStreamAndFromAMimeMessageAlike() throws Exception {
        byte[] raw = SampleMail.gmailReplyApproving();
        MessageParser parser = MessageParser.withDefaults();

        ParseOutcome fromStream = parser.read(new ByteArrayInputStream(raw));
        ParseOutcome fromMime =
                parser.parse(new jakarta.mail.internet.MimeMessage(null, new ByteArrayInputStream(raw)));

        assertThat(fromStream).isEqualTo(parser.parse(raw));
        assertThat(((Parsed) fromMime).message().plainText())
                .isEqualTo(((Parsed) fromStream).message().plainText());
        assertThat(fromMime.dedupeKey()).isEqualTo(fromStream.dedupeKey());
    }

    @Test
    void reportsAFailingSourceAsIoExceptionSoTheMessageIsRetriedNotFiled() {
        jakarta.mail.internet.MimeMessage lostConnection =
                new jakarta.mail.internet.MimeMessage((jakarta.mail.Session) null) {
                    @Override
                    public void writeTo(java.io.OutputStream out) throws jakarta.mail.MessagingException {
                        throw new jakarta.mail.FolderClosedException(null, "connection lost");
                    }
                };

        org.assertj.core.api.Assertions.assertThatIOException()
                .isThrownBy(() -> MessageParser.withDefaults().parse(lostConnection));
    }

    @Test
    void rejectsBytesThatAreNoMessageAtAllWithoutThrowing() {
        ParseOutcome outcome =
                MessageParser.withDefaults().parse(new byte[] {0, 1, 2, (byte) 0xff, '\r', '\n', '\r', '\n'});

        assertThat(outcome).isInstanceOfAny(Parsed.class, Rejected.class);
        assertThat(outcome.dedupeKey().kind()).isEqualTo(DedupeKey.Kind.CONTENT_SHA256);
    }

    @Test
    void parsesAnEmptyMessage() {
        InboundMessage message = parsed(new byte[0]);

        assertThat(message.from()).isEmpty();
        assertThat(message.bodyText()).isEmpty();
        assertThat(message.contentType()).isEqualTo("text/plain");
    }

    @Test
    void extractsThePlusAddressTokenForTheDeskMailbox() {
        MailAddress desk = MailAddress.of(SampleMail.DESK);

        assertThat(MailAddress.of("Support+" + TOKEN.toUpperCase() + "@Desk.Gatekeep.Test")
                        .plusToken(desk))
                .contains(TOKEN);
        assertThat(MailAddress.of("support@desk.gatekeep.test").plusToken(desk)).isEmpty();
        assertThat(MailAddress.of("support+@desk.gatekeep.test").plusToken(desk))
                .isEmpty();
        assertThat(MailAddress.of("other+" + TOKEN + "@desk.gatekeep.test").plusToken(desk))
                .isEmpty();
        assertThat(MailAddress.of("support+" + TOKEN + "@evil.example").plusToken(desk))
                .isEmpty();
    }

    @Test
    void rejectionsAreValuesWithTheReason() {
        Rejected rejected = (Rejected) new MessageParser(ParseLimits.defaults().withMaxParts(2))
                .parse(message(
                        "Message-ID: <m@x>\nFrom: max@acme.example\nSubject: three parts\n"
                                + "Content-Type: multipart/mixed; boundary=b",
                        "--b\n\na\n--b\n\nb\n--b\n\nc\n--b--\n"));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
        assertThat(rejected.partial().messageId()).contains("m@x");
        assertThat(rejected.partial().from()).contains(MailAddress.of("max@acme.example"));
        assertThat(rejected.partial().subject()).contains("three parts");
        assertThat(rejected.dedupeKey().asString()).isEqualTo("mid:m@x");
    }
}
