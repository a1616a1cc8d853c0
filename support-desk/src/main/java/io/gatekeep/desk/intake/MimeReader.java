package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.io.MaxHeaderLimitException;
import org.apache.james.mime4j.io.MaxNestingDepthLimitException;
import org.apache.james.mime4j.io.MaxPartCountLimitException;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;

/**
 * Runs mime4j over a raw message held in memory (its size already checked against the limit), in one streaming pass
 * without building a DOM: lenient parsing, the part, depth and header limits enforced as entities start, so a hostile
 * message is rejected before more than {@code maxParts} of them exist and without recursion however deep it nests.
 * Bodies arrive still transfer-encoded; embedded {@code message/rfc822} parts stay leaves.
 */
final class MimeReader {

    /** The message's own header block, nothing else: for the few fields kept of a rejected message. */
    private static final MimeConfig HEAD_ONLY = MimeConfig.custom()
            .setStrictParsing(false)
            .setMaxLineLen(-1)
            .setMaxHeaderLen(-1)
            .setMaxHeaderCount(-1)
            .setMaxTotalHeaderCount(-1)
            .setMaxTotalHeaderLen(-1)
            .build();

    private final ParseLimits limits;
    private final MimeConfig config;

    MimeReader(ParseLimits limits) {
        this.limits = limits;
        // No line or header length limits of mime4j's own: a body may be one long line of HTML, and the message is
        // no larger than maxSizeBytes anyway. The part count is the desk's (root included), checked by MimeStructure
        // one part earlier than this backstop; mime4j's nesting depth counts the root entity as a level.
        this.config = MimeConfig.custom()
                .setStrictParsing(false)
                .setMaxLineLen(-1)
                .setMaxHeaderLen(-1)
                .setMaxHeaderCount(limits.maxHeaders())
                .setMaxTotalHeaderCount(-1)
                .setMaxTotalHeaderLen(-1)
                .setMaxPartCount(limits.maxParts())
                .setMaxNestingDepth(limits.maxDepth() + 1)
                .build();
    }

    /**
     * @throws ParseRejection when the message breaks a limit or mime4j cannot read it
     */
    MimeStructure read(byte[] raw, int length, List<String> notes) {
        MimeStructure structure = new MimeStructure(limits, new BodyCollector(limits, notes));
        MimeStreamParser parser = new MimeStreamParser(
                config,
                DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        parser.setContentDecoding(false);
        parser.setNoRecurse();
        parser.setContentHandler(structure);
        try {
            parser.parse(new ByteArrayInputStream(raw, 0, length));
        } catch (MaxPartCountLimitException e) {
            throw new ParseRejection(Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
        } catch (MaxNestingDepthLimitException e) {
            throw new ParseRejection(Reason.TOO_DEEP, "multiparts nest deeper than " + limits.maxDepth() + " levels");
        } catch (MaxHeaderLimitException e) {
            throw new ParseRejection(
                    Reason.TOO_MANY_HEADERS, "a header block has more than " + limits.maxHeaders() + " fields");
        } catch (MimeException | IOException e) {
            // The class name only: exception messages may quote message content.
            throw new ParseRejection(
                    Reason.UNPARSEABLE, "the parser failed: " + e.getClass().getSimpleName());
        }
        return structure;
    }

    /** The named fields (lower-case names) of the message's own header block, read from {@code length} bytes. */
    static Headers headFields(byte[] raw, int length, Set<String> names) throws MimeException, IOException {
        MimeTokenStream stream = new MimeTokenStream(HEAD_ONLY);
        stream.parse(new ByteArrayInputStream(raw, 0, length));
        List<Headers.Field> fields = new ArrayList<>();
        for (EntityState state = stream.getState(); !isPastHeader(state); state = stream.next()) {
            if (state == EntityState.T_FIELD && names.contains(stream.getField().getNameLowerCase())) {
                fields.add(HeaderText.of(stream.getField()));
            }
        }
        return new Headers(fields);
    }

    private static boolean isPastHeader(EntityState state) {
        return state == EntityState.T_END_HEADER || state == EntityState.T_END_OF_STREAM;
    }
}
