package io.gatekeep.desk.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Properties;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Properties of the parser on generated messages: it never throws, and it decodes what a standard encoder wrote. */
class MessageParserProperties {

    private static final MessageParser PARSER =
            new MessageParser(ParseLimits.defaults().withMaxParts(20).withMaxDepth(3));
    private static final List<String> CHARSETS = List.of("UTF-8", "ISO-8859-1", "Shift_JIS", "KOI8-R", "windows-1252");

    @Property(tries = 300)
    void neverThrowsOnArbitraryBytes(@ForAll @Size(max = 3000) byte[] raw) {
        ParseOutcome outcome = PARSER.parse(raw);

        assertThat(outcome.dedupeKey()).isNotNull();
    }

    @Property(tries = 400)
    void neverThrowsOnGeneratedMessagesAndKeepsTheSubjectOnOneLine(@ForAll("messages") byte[] raw) {
        ParseOutcome outcome = PARSER.parse(raw);

        assertThat(outcome.dedupeKey().asString()).isNotBlank();
        if (outcome instanceof Parsed parsed) {
            assertThat(parsed.message().subject()).doesNotContain("\r", "\n");
            assertThat(parsed.message().from())
                    .allSatisfy(from -> assertThat(from.address()).isLowerCase());
        }
    }

    @Property(tries = 300)
    void decodesSubjectsEncodedByJakartaMail(
            @ForAll("subjects") String subject,
            @ForAll("charsets") String charset,
            @ForAll("wordEncodings") String encoding)
            throws Exception {
        if (!Charset.forName(charset).newEncoder().canEncode(subject)) {
            return;
        }
        String header = MimeUtility.fold(9, MimeUtility.encodeText(subject, charset, encoding));

        InboundMessage message = SampleMail.parsed(SampleMail.message("Subject: " + header, "x"));

        assertThat(message.subject()).isEqualTo(HeaderText.singleLine(subject));
    }

    @Property(tries = 200)
    void decodesBodiesEncodedByJakartaMail(
            @ForAll("bodies") String body,
            @ForAll("charsets") String charset,
            @ForAll("transferEncodings") String transferEncoding)
            throws Exception {
        if (!Charset.forName(charset).newEncoder().canEncode(body)) {
            return;
        }
        MimeMessage mime = new MimeMessage(Session.getInstance(new Properties()));
        mime.setText(body, charset);
        mime.setHeader("Content-Transfer-Encoding", transferEncoding);
        mime.saveChanges();
        mime.setHeader("Content-Transfer-Encoding", transferEncoding);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        mime.writeTo(raw);

        InboundMessage message = SampleMail.parsed(raw.toByteArray());

        assertThat(message.plainText().orElseThrow().replace("\r\n", "\n")).isEqualTo(body.replace("\r\n", "\n"));
    }

    @Provide
    Arbitrary<String> charsets() {
        return Arbitraries.of(CHARSETS);
    }

    @Provide
    Arbitrary<String> wordEncodings() {
        return Arbitraries.of("B", "Q");
    }

    @Provide
    Arbitrary<String> transferEncodings() {
        return Arbitraries.of("base64", "quoted-printable");
    }

    @Provide
    Arbitrary<String> subjects() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 éüßçÅ日本語テスト夏ДЖяж?=_\"<>:;,.@!")
                .ofMinLength(1)
                .ofMaxLength(80)
                .map(String::strip)
                .filter(s -> !s.isEmpty());
    }

    @Provide
    Arbitrary<String> bodies() {
        return Arbitraries.strings()
                .withChars("abcXYZ019 éüß日本語ДЖ=?.\t\n")
                .ofMaxLength(400)
                .map(s -> s.replace("\n", "\r\n"));
    }

    /** Header-ish lines of arbitrary bytes, a MIME structure picked from plausible and broken shapes, arbitrary bodies. */
    @Provide
    Arbitrary<byte[]> messages() {
        Arbitrary<String> name = Arbitraries.of(
                "From",
                "To",
                "Cc",
                "Subject",
                "Message-ID",
                "References",
                "Date",
                "Content-Type",
                "Content-Transfer-Encoding",
                "Return-Path",
                "Authentication-Results",
                "X-Odd");
        Arbitrary<String> value = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of(
                        "=?utf-8?B?w6k=?=",
                        "=?x-bad?Q?=FF=FE?=",
                        "<a@b> <c@d>",
                        "\"Q\\\" <x@y>",
                        "<>",
                        "(((",
                        "multipart/mixed; boundary=b",
                        "multipart/alternative; boundary=\"b\"",
                        "text/html; charset=x",
                        "base64",
                        "quoted-printable",
                        "Tue, 3 Mar 2026 10:15:00 +0000",
                        "multipart/mixed"));
        Arbitrary<String> headerLine = Combinators.combine(name, value).as((n, v) -> n + ": " + v + "\r\n");
        Arbitrary<String> part = Combinators.combine(
                        Arbitraries.of(
                                "",
                                "Content-Type: text/plain; charset=utf-8\r\n",
                                "Content-Type: text/html\r\n",
                                "Content-Type: multipart/mixed; boundary=b\r\n",
                                "Content-Transfer-Encoding: base64\r\n"),
                        Arbitraries.strings().ofMaxLength(200))
                .as((headers, body) -> "--b\r\n" + headers + "\r\n" + body + "\r\n");
        Arbitrary<String> body = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(300),
                part.list().ofMaxSize(8).map(parts -> String.join("", parts) + "--b--\r\n"));
        return Combinators.combine(
                        headerLine.list().ofMaxSize(12),
                        body,
                        Arbitraries.of(StandardCharsets.UTF_8, StandardCharsets.ISO_8859_1))
                .as((headers, text, charset) -> (String.join("", headers) + "\r\n" + text).getBytes(charset));
    }
}
