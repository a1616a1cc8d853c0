package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.InboundMessage.Attachment;
import io.gatekeep.desk.intake.ParseOutcome.Reason;
import jakarta.activation.DataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimePart;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks the MIME tree of an already scanned message and keeps the first inline text/plain and text/html bodies,
 * decoded (transfer encoding and charset) and bounded. Multiparts are split by Jakarta Mail, but only with the
 * boundary {@link MediaType} read, so the walker sees the structure the {@link StructureScan} checked; it counts
 * parts and depth again all the same. Leaf bodies are decoded here from their raw bytes, leniently.
 */
final class BodyExtractor {

    private static final Set<String> REPORT_PARTS = Set.of("message/delivery-status", "message/global-delivery-status",
            "message/disposition-notification", "message/feedback-report");

    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})",
            Pattern.CASE_INSENSITIVE);

    private final ParseLimits limits;
    private final List<String> notes;
    private final List<Attachment> attachments = new ArrayList<>();
    private int parts;
    private String plain;
    private String html;
    private String reportType;

    private BodyExtractor(ParseLimits limits, List<String> notes) {
        this.limits = limits;
        this.notes = notes;
    }

    record Bodies(Optional<String> plain, Optional<String> htmlText, Optional<String> htmlNewText,
            Optional<String> reportType, List<Attachment> attachments) {}

    /** @throws LimitExceeded when the tree breaks a limit the scan did not catch */
    static Bodies extract(MimeMessage message, ParseLimits limits, List<String> notes) {
        BodyExtractor extractor = new BodyExtractor(limits, notes);
        extractor.walk(message, 0);
        String htmlSource = extractor.html;
        return new Bodies(Optional.ofNullable(extractor.plain),
                Optional.ofNullable(htmlSource).map(HtmlText::toText).map(extractor::bounded),
                Optional.ofNullable(htmlSource).map(HtmlText::toNewText).map(extractor::bounded),
                Optional.ofNullable(extractor.reportType), extractor.attachments);
    }

    private void walk(MimePart part, int depth) {
        if (++parts > limits.maxParts()) {
            throw new LimitExceeded(Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
        }
        MediaType type = MediaType.parse(header(part, "Content-Type"));
        if (type.isMultipart()) {
            walkMultipart(part, type, depth);
            return;
        }
        if (REPORT_PARTS.contains(type.type()) && reportType == null) {
            reportType = type.type().substring("message/".length());
        }
        boolean attachment = MediaType.parseDisposition(header(part, "Content-Disposition")).is("attachment");
        if (!attachment && type.is("text/plain") && plain == null) {
            plain = bounded(text(part, type, (long) limits.maxBodyChars() * 8, "text/plain body"));
        } else if (!attachment && type.is("text/html") && html == null) {
            String source = text(part, type, (long) limits.maxBodyChars() * 24, "text/html body");
            html = source.length() > limits.maxBodyChars() * 4 ? source.substring(0, limits.maxBodyChars() * 4) : source;
        } else {
            attachments.add(describe(part, type));
        }
    }

    private void walkMultipart(MimePart part, MediaType type, int depth) {
        if (type.boundary().isEmpty()) {
            notes.add(type.type() + " without a boundary kept as an attachment");
            attachments.add(describe(part, type));
            return;
        }
        if (depth + 1 > limits.maxDepth()) {
            throw new LimitExceeded(Reason.TOO_DEEP, "multiparts nest deeper than " + limits.maxDepth() + " levels");
        }
        MimeMultipart multipart;
        int count;
        try {
            multipart = new MimeMultipart(new BoundaryDataSource(part, type));
            count = multipart.getCount();
        } catch (MessagingException e) {
            notes.add(type.type() + " that could not be split kept as an attachment");
            attachments.add(describe(part, type));
            return;
        }
        if (type.is("multipart/report")) {
            reportType = type.param("report-type").map(v -> v.toLowerCase(Locale.ROOT)).orElse("unknown");
        }
        for (int i = 0; i < count; i++) {
            try {
                walk((MimeBodyPart) multipart.getBodyPart(i), depth + 1);
            } catch (MessagingException e) {
                notes.add("an unreadable part of " + type.type() + " was skipped");
            }
        }
    }

    private String text(MimePart part, MediaType type, long maxRawBytes, String where) {
        byte[] raw = rawBytes(part, maxRawBytes, where);
        byte[] decoded = decodeTransfer(raw, header(part, "Content-Transfer-Encoding"), where);
        String declared = type.charset().orElse(null);
        if (declared == null && type.is("text/html")) {
            declared = metaCharset(decoded);
        }
        return Charsets.decodeDeclared(decoded, declared, where, notes);
    }

    private byte[] rawBytes(MimePart part, long maxBytes, String where) {
        try (InputStream in = rawStream(part)) {
            byte[] bytes = in.readNBytes((int) Math.min(maxBytes, Integer.MAX_VALUE - 16));
            if (in.read() >= 0) {
                notes.add(where + " truncated");
            }
            return bytes;
        } catch (IOException | MessagingException e) {
            notes.add(where + " could not be read");
            return new byte[0];
        }
    }

    private byte[] decodeTransfer(byte[] raw, String header, String where) {
        String encoding = header == null ? "" : MediaType.stripComments(header).strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "base64" -> Base64Lenient.decode(raw);
            case "quoted-printable" -> QuotedPrintable.decode(raw, 0, raw.length);
            case "", "7bit", "8bit", "binary" -> raw;
            default -> {
                notes.add(where + ": unknown transfer encoding '" + Charsets.printable(encoding) + "', kept as is");
                yield raw;
            }
        };
    }

    private static String metaCharset(byte[] html) {
        Matcher matcher = META_CHARSET.matcher(new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1));
        return matcher.find() ? matcher.group(1) : null;
    }

    private String bounded(String text) {
        if (text.length() <= limits.maxBodyChars()) {
            return text;
        }
        notes.add("a body was cut to " + limits.maxBodyChars() + " characters");
        return text.substring(0, limits.maxBodyChars());
    }

    private Attachment describe(MimePart part, MediaType type) {
        MediaType disposition = MediaType.parseDisposition(header(part, "Content-Disposition"));
        String name = disposition.param("filename").or(() -> type.param("name")).orElse("");
        long size;
        try {
            size = part.getSize();
        } catch (MessagingException e) {
            size = -1;
        }
        return new Attachment(HeaderText.singleLine(EncodedWords.decode(HeaderText.fromRawBytes(name), "file name", notes)),
                type.type(), size);
    }

    private static String header(MimePart part, String name) {
        try {
            return part.getHeader(name, null);
        } catch (MessagingException e) {
            return null;
        }
    }

    private static InputStream rawStream(MimePart part) throws MessagingException {
        if (part instanceof MimeBodyPart body) {
            return body.getRawInputStream();
        }
        return ((MimeMessage) part).getRawInputStream();
    }

    /** Hands Jakarta Mail the part's raw bytes with the boundary as {@link MediaType} read it, so both agree. */
    private record BoundaryDataSource(MimePart part, MediaType type) implements DataSource {

        @Override
        public InputStream getInputStream() throws IOException {
            try {
                return rawStream(part);
            } catch (MessagingException e) {
                throw new IOException("part content unavailable", e);
            }
        }

        @Override
        public OutputStream getOutputStream() {
            throw new UnsupportedOperationException("read only");
        }

        @Override
        public String getContentType() {
            String boundary = type.boundary().orElseThrow().replace("\\", "\\\\").replace("\"", "\\\"");
            return "multipart/mixed; boundary=\"" + boundary + "\"";
        }

        @Override
        public String getName() {
            return "part";
        }
    }
}
