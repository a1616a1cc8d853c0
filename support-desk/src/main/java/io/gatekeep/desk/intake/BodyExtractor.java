package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.InboundMessage.Attachment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Walks a {@link MimeTree} and keeps the first inline text/plain and text/html bodies, decoded (transfer encoding
 * and charset, both leniently) and bounded; every other leaf is described as an attachment.
 */
final class BodyExtractor {

    private static final Set<String> REPORT_PARTS = Set.of("message/delivery-status", "message/global-delivery-status",
            "message/disposition-notification", "message/feedback-report");

    private static final Pattern META_CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})",
            Pattern.CASE_INSENSITIVE);

    private final byte[] raw;
    private final ParseLimits limits;
    private final List<String> notes;
    private final List<Attachment> attachments = new ArrayList<>();
    private String plain;
    private String html;
    private String reportType;

    private BodyExtractor(byte[] raw, ParseLimits limits, List<String> notes) {
        this.raw = raw;
        this.limits = limits;
        this.notes = notes;
    }

    record Bodies(Optional<String> plain, Optional<String> htmlText, Optional<String> htmlNewText,
            Optional<String> reportType, List<Attachment> attachments) {}

    static Bodies extract(byte[] raw, MimeTree.Entity root, ParseLimits limits, List<String> notes) {
        BodyExtractor extractor = new BodyExtractor(raw, limits, notes);
        extractor.walk(root);
        String htmlSource = extractor.html;
        return new Bodies(Optional.ofNullable(extractor.plain),
                Optional.ofNullable(htmlSource).map(HtmlText::toText).map(extractor::bounded),
                Optional.ofNullable(htmlSource).map(HtmlText::toNewText).map(extractor::bounded),
                Optional.ofNullable(extractor.reportType), extractor.attachments);
    }

    /** Recursion is bounded by the depth limit the tree was built with. */
    private void walk(MimeTree.Entity entity) {
        MediaType type = entity.type;
        if (type.isMultipart() && type.boundary().isPresent()) {
            if (type.is("multipart/report")) {
                reportType = type.param("report-type").map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("unknown");
            }
            entity.children.forEach(this::walk);
            return;
        }
        if (type.isMultipart()) {
            notes.add(type.type() + " without a boundary kept as an attachment");
        }
        if (REPORT_PARTS.contains(type.type()) && reportType == null) {
            reportType = type.type().substring("message/".length());
        }
        boolean attachment = MediaType.parseDisposition(entity.header("Content-Disposition")).is("attachment");
        if (!attachment && type.is("text/plain") && plain == null) {
            plain = bounded(text(entity, (long) limits.maxBodyChars() * 8, "text/plain body"));
        } else if (!attachment && type.is("text/html") && html == null) {
            String source = text(entity, (long) limits.maxBodyChars() * 24, "text/html body");
            html = source.length() > limits.maxBodyChars() * 4 ? source.substring(0, limits.maxBodyChars() * 4) : source;
        } else {
            attachments.add(describe(entity));
        }
    }

    private String text(MimeTree.Entity entity, long maxRawBytes, String where) {
        int length = entity.bodyLength();
        if (length > maxRawBytes) {
            notes.add(where + " truncated");
            length = (int) maxRawBytes;
        }
        byte[] decoded = decodeTransfer(entity.bodyStart, length, entity.header("Content-Transfer-Encoding"), where);
        String declared = entity.type.charset().orElse(null);
        if (declared == null && entity.type.is("text/html")) {
            declared = metaCharset(decoded);
        }
        return Charsets.decodeDeclared(decoded, declared, where, notes);
    }

    private byte[] decodeTransfer(int start, int length, String header, String where) {
        String encoding = header == null ? "" : MediaType.stripComments(header).strip().toLowerCase(Locale.ROOT);
        return switch (encoding) {
            case "base64" -> Base64Lenient.decode(raw, start, length);
            case "quoted-printable" -> QuotedPrintable.decode(raw, start, length);
            case "", "7bit", "8bit", "binary" -> java.util.Arrays.copyOfRange(raw, start, start + length);
            default -> {
                notes.add(where + ": unknown transfer encoding '" + Charsets.printable(encoding) + "', kept as is");
                yield java.util.Arrays.copyOfRange(raw, start, start + length);
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

    private Attachment describe(MimeTree.Entity entity) {
        MediaType disposition = MediaType.parseDisposition(decoded(entity.header("Content-Disposition")));
        MediaType named = MediaType.parse(decoded(entity.header("Content-Type")));
        String name = disposition.param("filename").or(() -> named.param("name")).orElse("");
        return new Attachment(HeaderText.singleLine(EncodedWords.decode(name, "file name", notes)), entity.type.type(),
                entity.bodyLength());
    }

    /** 8-bit header bytes read as UTF-8 where valid; not for boundaries, which must stay byte for byte. */
    private static String decoded(String value) {
        return value == null ? null : HeaderText.fromRawBytes(value);
    }
}
