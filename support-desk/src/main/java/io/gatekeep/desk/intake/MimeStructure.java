package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.ParserCursor;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteSequence;

/**
 * Listens to mime4j's streaming parser: keeps the message's own header fields, counts the entities against
 * {@code maxParts} as they start (mime4j counts body parts only, the desk's limit counts the root too), and hands each
 * leaf to the {@link BodyCollector} with what its header said.
 */
final class MimeStructure extends AbstractContentHandler {

    private final ParseLimits limits;
    private final BodyCollector bodies;
    private final List<Headers.Field> messageHeaders = new ArrayList<>();
    private int entities;
    private String contentType;
    private String declaredType;
    private String transferEncoding;

    MimeStructure(ParseLimits limits, BodyCollector bodies) {
        this.limits = limits;
        this.bodies = bodies;
    }

    @Override
    public void startMessage() {
        entities = 1;
    }

    @Override
    public void startBodyPart() {
        if (++entities > limits.maxParts()) {
            throw new ParseRejection(Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
        }
    }

    @Override
    public void startHeader() {
        declaredType = "";
        transferEncoding = "";
    }

    @Override
    public void field(Field field) {
        if (entities == 1) {
            messageHeaders.add(HeaderText.of(field));
        }
        if (field.getName().equalsIgnoreCase("Content-Type")) {
            declaredType = mainValue(field);
        } else if (field.getName().equalsIgnoreCase("Content-Transfer-Encoding")) {
            transferEncoding = mainValue(field);
        }
    }

    @Override
    public void startMultipart(BodyDescriptor descriptor) {
        entity(descriptor);
        bodies.multipart((MaximalBodyDescriptor) descriptor);
    }

    @Override
    public void body(BodyDescriptor descriptor, InputStream raw) throws IOException {
        bodies.leaf(entity(descriptor), transferEncoding, (MaximalBodyDescriptor) descriptor, raw);
    }

    /** The message's own header fields, in order. */
    Headers headers() {
        return new Headers(messageHeaders);
    }

    /** The message's own media type, lower-case. */
    String contentType() {
        return contentType;
    }

    BodyCollector.Bodies bodies() {
        return bodies.bodies();
    }

    /**
     * The entity's media type. mime4j reads a multipart without a boundary as text/plain; the desk keeps the type it
     * claims, so it becomes an attachment rather than a body full of MIME delimiters.
     */
    private String entity(BodyDescriptor descriptor) {
        String type = declaredType.startsWith("multipart/")
                        && !descriptor.getMimeType().startsWith("multipart/")
                ? declaredType
                : descriptor.getMimeType();
        if (contentType == null) {
            contentType = type;
        }
        return type;
    }

    /** The value before any parameter, without comments, lower-case (mime4j's lenient field reading). */
    private static String mainValue(Field field) {
        ByteSequence raw = field.getRaw();
        ParserCursor cursor = new ParserCursor(HeaderText.valueStart(raw), raw.length());
        return RawFieldParser.DEFAULT.parseRawBody(raw, cursor).getValue().toLowerCase(Locale.ROOT);
    }
}
