package io.gatekeep.desk.intake;

import static io.gatekeep.desk.intake.SampleMail.raw;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Hostile sizes and shapes come back as rejections, fast and without holding more than the size limit in memory. */
class MessageParserLimitsTest {

    private static final String HEADERS = """
            Message-ID: <huge@sender.example>
            From: Max Member <max@acme.example>
            Subject: my logs
            MIME-Version: 1.0
            """;

    private final MessageParser parser = MessageParser.withDefaults();

    @Test
    void rejectsATwentyMegabyteMessageQuicklyAndKeepsItsHeaders() {
        byte[] message = twentyMegabytes();

        Rejected rejected = rejectedWithin(Duration.ofSeconds(2), 8, () -> parser.parse(message));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected.sizeBytes()).isEqualTo(message.length);
        assertThat(rejected.partial().messageId()).contains("huge@sender.example");
        assertThat(rejected.partial().from()).contains(new MailAddress("max@acme.example", "Max Member"));
        assertThat(rejected.partial().subject()).contains("my logs");
        assertThat(rejected.dedupeKey().asString()).isEqualTo("mid:huge@sender.example");
    }

    @Test
    void rejectsATwentyMegabyteStreamKeepingNoMoreThanTheLimit() {
        byte[] message = twentyMegabytes();

        Rejected rejected = rejectedWithin(Duration.ofSeconds(2), 40, () -> {
            try {
                return parser.read(new ByteArrayInputStream(message));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        });

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected.sizeBytes()).isEqualTo(message.length);
    }

    @Test
    void identifiesAnOversizedMessageWithoutMessageIdByItsFullContentHash() {
        byte[] message = SampleMail.concat(raw("From: max@acme.example\n\n"), new byte[2 * 1024 * 1024]);

        Rejected rejected =
                (Rejected) new MessageParser(ParseLimits.defaults().withMaxSizeBytes(1024 * 1024)).parse(message);

        assertThat(rejected.dedupeKey().asString()).isEqualTo("sha256:" + DedupeKey.sha256Hex(message));
    }

    @Test
    void rejectsAMessageOverTheLimitByItsReportedSizeReadingOnlyItsHead() {
        ReportedMessage message = new ReportedMessage(HEADERS, 1024L * 1024 * 1024);

        Rejected rejected = rejectedWithin(Duration.ofSeconds(2), 8, () -> parseQuietly(message));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_LARGE);
        assertThat(rejected.sizeBytes()).isEqualTo(1024L * 1024 * 1024);
        assertThat(rejected.partial().subject()).contains("my logs");
        assertThat(rejected.dedupeKey().asString()).isEqualTo("mid:huge@sender.example");
        assertThat(message.bytesRead).as("bytes read of the message").isLessThanOrEqualTo(1024 * 1024 + 16 * 1024);
    }

    @Test
    void keysAMessageOverTheLimitByItsReportedSizeWithoutMessageIdByItsHeadTheSameEachTime() {
        String headers = "From: max@acme.example\nSubject: no id\n";

        ReportedMessage message = new ReportedMessage(headers, 50L * 1024 * 1024);
        DedupeKey first = parseQuietly(message).dedupeKey();
        DedupeKey again =
                parseQuietly(new ReportedMessage(headers, 50L * 1024 * 1024)).dedupeKey();
        DedupeKey otherSize =
                parseQuietly(new ReportedMessage(headers, 60L * 1024 * 1024)).dedupeKey();

        assertThat(first.kind()).isEqualTo(DedupeKey.Kind.CONTENT_SHA256);
        assertThat(again).isEqualTo(first);
        assertThat(otherSize).isNotEqualTo(first);
        assertThat(message.bytesRead).as("bytes read of the message").isLessThanOrEqualTo(1024 * 1024 + 16 * 1024);
    }

    @Test
    void rejectsAThousandPartMessage() {
        byte[] message = multipart(1000, "part\n");

        Rejected rejected = rejectedWithin(Duration.ofSeconds(1), 8, () -> parser.parse(message));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
        assertThat(rejected.detail()).isEqualTo("more than 100 MIME parts");
        assertThat(rejected.partial().messageId()).contains("huge@sender.example");
    }

    @Test
    void acceptsAMessageRightAtThePartLimit() {
        ParseOutcome outcome = parser.parse(multipart(99, "part\n"));

        assertThat(outcome).isInstanceOf(Parsed.class);
        assertThat(((Parsed) outcome).message().plainText()).contains("part");
    }

    @Test
    void countsTheMessageItselfAsOneOfItsParts() {
        Rejected rejected = (Rejected) parser.parse(multipart(100, "part\n"));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
        assertThat(rejected.detail()).isEqualTo("more than 100 MIME parts");
    }

    @Test
    void rejectsEveryMultipartWhenNoNestingIsAllowed() {
        MessageParser flat = new MessageParser(ParseLimits.defaults().withMaxDepth(0));

        assertThat(flat.parse(raw(HEADERS + "\nplain text"))).isInstanceOf(Parsed.class);
        assertThat(((Rejected) flat.parse(multipart(1, "part\n"))).reason()).isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void rejectsAMillionEmptyPartsBeforeBuildingAnyOfThem() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(raw(HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n"));
        byte[] emptyPart = "--b\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1_400_000; i++) {
            body.writeBytes(emptyPart);
        }
        byte[] message = body.toByteArray();

        Rejected rejected = rejectedWithin(Duration.ofSeconds(1), 8, () -> parser.parse(message));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
    }

    @Test
    void rejectsMultipartsNestedDeeperThanTheLimit() {
        assertThat(parser.parse(nested(10))).isInstanceOf(Parsed.class);

        Rejected rejected = (Rejected) parser.parse(nested(11));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void rejectsAHundredThousandNestingLevelsWithoutRecursing() {
        byte[] message = nested(100_000);

        Rejected rejected = rejectedWithin(Duration.ofSeconds(1), 16, () -> parser.parse(message));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_DEEP);
    }

    @Test
    void rejectsTooManyHeaderFieldsAtTheTop() {
        StringBuilder headers = new StringBuilder("Message-ID: <many@x.example>\n");
        for (int i = 0; i < 600; i++) {
            headers.append("X-Filler-").append(i).append(": ").append(i).append('\n');
        }

        Rejected rejected = (Rejected) parser.parse(raw(headers + "\nbody"));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_HEADERS);
        assertThat(rejected.partial().messageId()).contains("many@x.example");
    }

    @Test
    void rejectsTooManyHeaderFieldsInAPart() {
        String filler = "X-Filler: 1\n".repeat(501);

        Rejected rejected = (Rejected) parser.parse(
                raw(HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n" + "--b\n" + filler + "\nbody\n--b--\n"));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_HEADERS);
    }

    @Test
    void countsBoundariesHiddenInAPartsHeaderBlock() {
        String parts = "--b\nX-No-Blank-Line: 1\n".repeat(150);

        Rejected rejected = (Rejected)
                parser.parse(raw(HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n" + parts + "--b--\n"));

        assertThat(rejected.reason()).isEqualTo(Reason.TOO_MANY_PARTS);
    }

    @Test
    void cutsOverlongBodiesAndSaysSo() {
        MessageParser small = new MessageParser(ParseLimits.defaults().withMaxBodyChars(100));

        InboundMessage message = ((Parsed) small.parse(raw(HEADERS + "\n" + "approve ".repeat(100)))).message();

        assertThat(message.plainText()).get().asString().hasSize(100);
        assertThat(message.notes()).anyMatch(note -> note.contains("truncated") || note.contains("cut to 100"));
    }

    @Test
    void turnsDeeplyNestedHtmlIntoTextWithoutOverflowingTheStack() {
        String html = "<div>".repeat(50_000) + "approve" + "</div>".repeat(50_000);

        ParseOutcome outcome = parser.parse(raw(HEADERS + "Content-Type: text/html\n\n" + html));

        assertThat(outcome)
                .isInstanceOfSatisfying(
                        Parsed.class,
                        parsed -> assertThat(parsed.message().htmlNewText()).contains("approve"));
    }

    @Test
    void refusesNonsensicalLimits() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> ParseLimits.defaults().withMaxParts(0));
    }

    private static byte[] twentyMegabytes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream(21 * 1024 * 1024);
        out.writeBytes(
                raw(
                        HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
                                + "see attachment\n--b\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n"));
        byte[] line = ("A".repeat(76) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        while (out.size() < 20 * 1024 * 1024) {
            out.writeBytes(line);
        }
        out.writeBytes(raw("--b--\n"));
        return out.toByteArray();
    }

    private static byte[] multipart(int parts, String partBody) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < parts; i++) {
            body.append("--b\nContent-Type: text/plain\n\n").append(partBody);
        }
        return raw(HEADERS + "Content-Type: multipart/mixed; boundary=b\n\n" + body + "--b--\n");
    }

    /** A multipart nested {@code depth} levels deep (depth 0 would be a plain message). */
    private static byte[] nested(int depth) {
        StringBuilder message = new StringBuilder(HEADERS).append("Content-Type: multipart/mixed; boundary=b0\n\n");
        for (int level = 1; level < depth; level++) {
            message.append("--b")
                    .append(level - 1)
                    .append("\nContent-Type: multipart/mixed; boundary=b")
                    .append(level)
                    .append("\n\n");
        }
        message.append("--b").append(depth - 1).append("\nContent-Type: text/plain\n\ndeep\n");
        for (int level = depth - 1; level >= 0; level--) {
            message.append("--b").append(level).append("--\n");
        }
        return raw(message.toString());
    }

    private ParseOutcome parseQuietly(MimeMessage message) {
        try {
            return parser.parse(message);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * A message as an IMAP server hands it over: its size as the server reports it, its bytes streamed on demand
     * (headers, then base64-like lines up to that size) and counted as they are read.
     */
    private static final class ReportedMessage extends MimeMessage {

        private final byte[] headers;
        private final long size;
        long bytesRead;

        ReportedMessage(String headers, long size) {
            super((Session) null);
            this.headers = raw(headers + "\n");
            this.size = size;
        }

        @Override
        public int getSize() {
            return Math.toIntExact(size);
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            byte[] chunk = ("A".repeat(76) + "\r\n").repeat(16 * 1024 / 78).getBytes(StandardCharsets.US_ASCII);
            out.write(headers);
            bytesRead = headers.length;
            while (bytesRead < size) {
                int length = (int) Math.min(chunk.length, size - bytesRead);
                out.write(chunk, 0, length);
                bytesRead += length;
            }
        }
    }

    /** Runs the parse within the time and fresh-allocation budgets (megabytes allocated by this thread). */
    private static Rejected rejectedWithin(Duration time, long megabytes, Supplier<ParseOutcome> parse) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        ParseOutcome outcome = assertTimeoutPreemptively(time, () -> {
            long before = threads.getCurrentThreadAllocatedBytes();
            ParseOutcome result = parse.get();
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertThat(allocated).as("bytes allocated").isLessThan(megabytes * 1024 * 1024);
            return result;
        });
        assertThat(outcome).isInstanceOf(Rejected.class);
        return (Rejected) outcome;
    }
}
