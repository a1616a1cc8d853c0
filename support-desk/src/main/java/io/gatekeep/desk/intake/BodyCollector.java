package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.InboundMessage.Attachment;
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
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.util.MimeParameterMapping;

/**
 * Receives the leaves of a message as mime4j streams them and keeps the first inline text/plain and text/html bodies,
 * decoded (transfer encoding and charset, both leniently) and bounded; every other leaf is described as an attachment
 * and its bytes only counted, so a large attachment costs no memory.
 */
final class BodyCollector {

    private static final Set<String> REPORT_PARTS = Set.of(
            "message/delivery-status",
            "message/global-delivery-status",
            "message/disposition-notification",
            "message/feedback-report");

    private static final Pattern META_CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]{1,40})", Pattern.CASE_INSENSITIVE);

    private final ParseLimits limits;
    private final List<String> notes;
    private final List<Attachment> attachments = new ArrayList<>();
    private String plain;
    private String html;
    private String reportType;

    BodyCollector(ParseLimits limits, List<String> notes) {
        this.limits = limits;
        this.notes = notes;
    }

    record Bodies(
            Optional<String> plain,
            Optional<String> htmlText,
            Optional<String> htmlNewText,
            Optional<String> reportType,
            List<Attachment> attachments) {}

    void multipart(MaximalBodyDescriptor descriptor) {
        if (descriptor.getMimeType().equals("multipart/report")) {
            reportType = Optional.ofNullable(
                            descriptor.getContentTypeParameters().get("report-type"))
                    .map(type -> type.strip().toLowerCase(Locale.ROOT))
                    .filter(type -> !type.isEmpty())
                    .orElse("unknown");
        }
    }

    /**
     * @param type the leaf's media type (a multipart here is one without a boundary, read as a leaf)
     * @param transferEncoding its Content-Transfer-Encoding without comments, lower-case
     * @param raw its body, still transfer-encoded; the rest of it is skipped by mime4j when this returns
     */
    void leaf(String type, String transferEncoding, MaximalBodyDescriptor descriptor, InputStream raw)
            throws IOException {
        if (type.startsWith("multipart/")) {
            notes.add(type + " without a boundary kept as an attachment");
        }
        if (REPORT_PARTS.contains(type) && reportType == null) {
            reportType = type.substring("message/".length());
        }
        boolean attachment = "attachment".equalsIgnoreCase(descriptor.getContentDispositionType());
        if (!attachment && type.equals("text/plain") && plain == null) {
            plain = bounded(
                    text(raw, (long) limits.maxBodyChars() * 8, transferEncoding, descriptor, "text/plain body"));
        } else if (!attachment && type.equals("text/html") && html == null) {
            String source =
                    text(raw, (long) limits.maxBodyChars() * 24, transferEncoding, descriptor, "text/html body");
            html = source.length() > limits.maxBodyChars() * 4
                    ? source.substring(0, limits.maxBodyChars() * 4)
                    : source;
        } else {
            attachments.add(describe(type, descriptor, raw));
        }
    }

    Bodies bodies() {
        return new Bodies(
                Optional.ofNullable(plain),
                Optional.ofNullable(html).map(HtmlText::toText).map(this::bounded),
                Optional.ofNullable(html).map(HtmlText::toNewText).map(this::bounded),
                Optional.ofNullable(reportType),
                attachments);
    }

    private String text(
            InputStream raw, long maxRawBytes, String transferEncoding, MaximalBodyDescriptor descriptor, String where)
            throws IOException {
        byte[] encoded = raw.readNBytes((int) Math.min(maxRawBytes, Integer.MAX_VALUE - 8));
        if (raw.read() >= 0) {
            notes.add(where + " truncated");
        }
        byte[] decoded = TransferDecoding.decode(encoded, transferEncoding, where, notes);
        String declared = descriptor.getContentTypeParameters().get("charset");
        if (declared == null && descriptor.getMimeType().equals("text/html")) {
            declared = metaCharset(decoded);
        }
        return Charsets.decodeDeclared(decoded, declared, where, notes);
    }

    /** An HTML body without a charset parameter usually names it in a meta tag; mime4j does not look into bodies. */
    private static String metaCharset(byte[] html) {
        Matcher matcher =
                META_CHARSET.matcher(new String(html, 0, Math.min(html.length, 4096), StandardCharsets.ISO_8859_1));
        return matcher.find() ? matcher.group(1) : null;
    }

    private String bounded(String text) {
        if (text.length() <= limits.maxBodyChars()) {
            return text;
        }
        notes.add("a body was cut to " + limits.maxBodyChars() + " characters");
        return text.substring(0, limits.maxBodyChars());
    }

    /** The file name comes from Content-Disposition, else from Content-Type's name (both RFC 2231 decoded). */
    private Attachment describe(String type, MaximalBodyDescriptor descriptor, InputStream raw) throws IOException {
        long size = raw.transferTo(OutputStream.nullOutputStream());
        String name = Optional.ofNullable(descriptor.getContentDispositionFilename())
                .filter(n -> !n.isBlank())
                .orElseGet(() -> contentTypeName(descriptor));
        return new Attachment(HeaderText.singleLine(EncodedWords.decode(name, "file name", notes)), type, size);
    }

    /** mime4j decodes RFC 2231 parameters of Content-Disposition only; its mapping does the same for Content-Type. */
    private static String contentTypeName(MaximalBodyDescriptor descriptor) {
        MimeParameterMapping parameters = new MimeParameterMapping();
        descriptor.getContentTypeParameters().forEach(parameters::addParameter);
        String name = parameters.get("name");
        return name == null ? "" : name;
    }
}
