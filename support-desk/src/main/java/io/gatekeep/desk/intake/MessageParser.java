package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Parsed;
import io.gatekeep.desk.intake.ParseOutcome.PartialHeaders;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import io.gatekeep.desk.intake.ParseOutcome.Rejected;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MailDateFormat;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParsePosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.james.mime4j.MimeException;

/**
 * Parses support mail into {@link ParseOutcome}s, with Apache James mime4j's streaming parser ({@code MimeReader}) for
 * the MIME structure, header fields, encoded words and transfer encodings, and Jakarta Mail for address lists and
 * dates. The message content can never make it throw: a message over a {@link ParseLimits limit} or beyond repair
 * comes back as {@link Rejected} with whatever headers could be read; what was repaired along the way is listed in
 * {@link InboundMessage#notes()}. Only failures of the source itself (the stream or IMAP connection) surface, as
 * {@link IOException}, so the caller leaves the message unprocessed and retries instead of filing a ticket for a
 * network error. Thread-safe.
 */
public final class MessageParser {

    private static final int PARTIAL_HEADER_BYTES = 1024 * 1024;
    private static final Set<String> PARTIAL_FIELDS = Set.of("message-id", "from", "subject");

    private final ParseLimits limits;
    private final MimeReader mime;

    public MessageParser(ParseLimits limits) {
        this.limits = limits;
        this.mime = new MimeReader(limits);
    }

    public static MessageParser withDefaults() {
        return new MessageParser(ParseLimits.defaults());
    }

    public ParseLimits limits() {
        return limits;
    }

    /** Parses raw RFC 5322 bytes. Never throws. */
    public ParseOutcome parse(byte[] raw) {
        return outcome(raw, (int) Math.min(raw.length, limits.maxSizeBytes()), raw.length, DedupeKey.sha256Hex(raw));
    }

    /**
     * Reads a raw message from a stream (not closed here). Bytes beyond the size limit are hashed for the dedupe key
     * but not kept.
     *
     * @throws IOException only when the stream fails
     */
    public ParseOutcome read(InputStream in) throws IOException {
        return outcome(Capture.of(in, limits.maxSizeBytes()));
    }

    /**
     * Parses a Jakarta Mail message, typically an IMAP one. A message whose server-reported size is over the limit is
     * rejected from its head alone (see {@link #oversized}): however large it is, no more than 1 MiB is downloaded.
     *
     * @throws IOException only when the message cannot be read from its source (connection, folder closed, …)
     */
    public ParseOutcome parse(MimeMessage message) throws IOException {
        try {
            long reportedSize = message.getSize();
            if (reportedSize > limits.maxSizeBytes()) {
                return oversized(message, reportedSize);
            }
            Capture capture = new Capture(limits.maxSizeBytes());
            message.writeTo(capture);
            return outcome(capture);
        } catch (MessagingException e) {
            throw new IOException("the message could not be read from its source", e);
        }
    }

    /**
     * Reads the message's first MiB (its headers, as far as they go) and stops the download there. Keyed by its
     * Message-ID, else by the SHA-256 of that head and the reported size: the same every time the message is read,
     * without reading all of it (a full content hash would mean downloading the whole message only to reject it).
     */
    private Rejected oversized(MimeMessage message, long reportedSize) throws IOException, MessagingException {
        Capture head = Capture.head(PARTIAL_HEADER_BYTES);
        try {
            message.writeTo(head);
        } catch (Capture.Full enough) {
            // the head is all this needs
        }
        MessageDigest digest = DedupeKey.sha256();
        digest.update(head.buffer(), 0, head.kept());
        digest.update(("\n" + reportedSize).getBytes(StandardCharsets.US_ASCII));
        return rejected(
                Reason.TOO_LARGE,
                tooLarge(reportedSize),
                head.buffer(),
                head.kept(),
                reportedSize,
                HexFormat.of().formatHex(digest.digest()));
    }

    private ParseOutcome outcome(Capture capture) {
        return outcome(capture.buffer(), capture.kept(), capture.total(), capture.sha256Hex());
    }

    private ParseOutcome outcome(byte[] raw, int length, long size, String sha256) {
        if (size > limits.maxSizeBytes()) {
            return rejected(Reason.TOO_LARGE, tooLarge(size), raw, length, size, sha256);
        }
        try {
            return new Parsed(build(raw, length, sha256));
        } catch (ParseRejection e) {
            return rejected(e.reason(), e.getMessage(), raw, length, size, sha256);
        } catch (RuntimeException | StackOverflowError e) {
            // The class name only: exception messages may quote message content.
            return rejected(
                    Reason.UNPARSEABLE,
                    "the parser failed: " + e.getClass().getSimpleName(),
                    raw,
                    length,
                    size,
                    sha256);
        }
    }

    private InboundMessage build(byte[] raw, int length, String sha256) {
        List<String> notes = new ArrayList<>();
        MimeStructure structure = mime.read(raw, length, notes);
        Headers headers = structure.headers();
        BodyCollector.Bodies bodies = structure.bodies();
        if (headers.count("From") > 1) {
            notes.add("more than one From header");
        }
        if (headers.count("Message-ID") > 1) {
            notes.add("more than one Message-ID header; the topmost is used");
        }
        List<MailAddress> from = new ArrayList<>();
        headers.all("From").forEach(value -> from.addAll(AddressParsing.parse(value, "From", false, notes)));
        String returnPath = headers.first("Return-Path")
                .map(Comments::strip)
                .map(String::strip)
                .orElse(null);
        boolean nullReturnPath =
                returnPath != null && returnPath.replaceAll("[<>\\s]", "").isEmpty();
        Optional<String> messageId = firstId(headers.first("Message-ID").orElse(null), notes);
        return new InboundMessage(
                headers,
                from,
                addresses(headers, "To", notes),
                addresses(headers, "Cc", notes),
                addresses(headers, "Reply-To", notes),
                nullReturnPath || returnPath == null
                        ? Optional.empty()
                        : AddressParsing.parse(returnPath, "Return-Path", false, notes).stream()
                                .findFirst(),
                nullReturnPath,
                messageId,
                MessageIds.parse(headers.first("In-Reply-To").orElse(null), "In-Reply-To", notes),
                MessageIds.parse(String.join(" ", headers.all("References")), "References", notes),
                headers.first("Subject").map(value -> subject(value, notes)).orElse(""),
                headers.first("Date").flatMap(value -> date(value, notes)),
                structure.contentType(),
                bodies.reportType(),
                bodies.plain(),
                bodies.htmlText(),
                bodies.htmlNewText(),
                bodies.attachments(),
                length,
                sha256,
                DedupeKey.of(messageId, sha256),
                notes);
    }

    private static List<MailAddress> addresses(Headers headers, String name, List<String> notes) {
        List<MailAddress> addresses = new ArrayList<>();
        headers.all(name).forEach(value -> addresses.addAll(AddressParsing.parse(value, name, true, notes)));
        return addresses;
    }

    private static String subject(String value, List<String> notes) {
        return HeaderText.singleLine(EncodedWords.decode(value, "Subject", notes));
    }

    private static Optional<Instant> date(String value, List<String> notes) {
        try {
            Date date = new MailDateFormat().parse(value, new ParsePosition(0));
            if (date != null) {
                return Optional.of(date.toInstant());
            }
        } catch (RuntimeException e) {
            // fall through to the note
        }
        notes.add("Date could not be parsed");
        return Optional.empty();
    }

    private static Optional<String> firstId(String value, List<String> notes) {
        return MessageIds.parse(value, "Message-ID", notes).stream().findFirst();
    }

    private String tooLarge(long size) {
        return "message of " + size + " bytes is over the " + limits.maxSizeBytes() + " byte limit";
    }

    private Rejected rejected(Reason reason, String detail, byte[] raw, int length, long size, String sha256) {
        PartialHeaders partial = PartialHeaders.NONE;
        try {
            Headers headers = MimeReader.headFields(raw, Math.min(length, PARTIAL_HEADER_BYTES), PARTIAL_FIELDS);
            partial = partial(
                    headers.first("Message-ID").orElse(null),
                    headers.count("From") == 1 ? headers.first("From").orElse(null) : null,
                    headers.first("Subject").orElse(null));
        } catch (MimeException | IOException | RuntimeException | StackOverflowError e) {
            // Nothing readable: the rejection itself must still come back.
        }
        return new Rejected(reason, detail, partial, size, DedupeKey.of(partial.messageId(), sha256));
    }

    private static PartialHeaders partial(String messageId, String from, String subject) {
        List<String> ignored = new ArrayList<>();
        List<MailAddress> senders = from == null ? List.of() : AddressParsing.parse(from, "From", false, ignored);
        String decodedSubject = subject == null ? null : subject(subject, ignored);
        return new PartialHeaders(
                firstId(messageId, ignored),
                senders.size() == 1 ? Optional.of(senders.get(0)) : Optional.empty(),
                Optional.ofNullable(decodedSubject).map(s -> s.length() > 200 ? s.substring(0, 200) : s));
    }
}
