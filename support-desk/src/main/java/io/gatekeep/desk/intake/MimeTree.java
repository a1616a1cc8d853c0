package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits a raw message into its MIME entities in one pass over the bytes, enforcing the part, depth and header limits
 * as it goes, so a hostile message is rejected before more than {@code maxParts} entities exist (Jakarta Mail would
 * build every part of a multipart at once, and looks up a service provider per part, which is slow). No recursion:
 * open multiparts live on an explicit stack. Bodies are byte ranges into the raw message; nothing is copied.
 *
 * <p>Reading rules: a line ends at CRLF, LF or a lone CR; a delimiter line is "--boundary" followed by only
 * whitespace, or by "--" to close the multipart; a delimiter of an outer multipart also closes the inner ones; a
 * part's header block ends at the first empty line or at a delimiter line; the line break before a delimiter belongs
 * to the delimiter. A multipart without a boundary parameter is a leaf, and so is a {@code message/rfc822} body.
 */
final class MimeTree {

    private MimeTree() {}

    /** One MIME entity: its header fields (raw), its media type and its body as a range of the raw bytes. */
    static final class Entity {

        final List<RawHeaderBlock.RawField> headers;
        final MediaType type;
        final int bodyStart;
        int bodyEnd = -1;
        final List<Entity> children = new ArrayList<>();

        private Entity(List<RawHeaderBlock.RawField> headers, int bodyStart) {
            this.headers = headers;
            this.bodyStart = bodyStart;
            this.type = MediaType.parse(header("Content-Type"));
        }

        /** The first value of the named field, unfolded, bytes as ISO-8859-1 characters; null when absent. */
        String header(String name) {
            return headers.stream().filter(field -> field.name().equalsIgnoreCase(name))
                    .map(RawHeaderBlock.RawField::value).findFirst().orElse(null);
        }

        int bodyLength() {
            return bodyEnd - bodyStart;
        }
    }

    private static final class Frame {

        final byte[] delimiter;
        final int depth;
        final Entity owner;
        Entity current;

        Frame(byte[] delimiter, int depth, Entity owner) {
            this.delimiter = delimiter;
            this.depth = depth;
            this.owner = owner;
        }
    }

    /** @throws LimitExceeded when the message breaks a part, depth or header limit */
    static Entity parse(byte[] raw, int length, ParseLimits limits) {
        Deque<Frame> frames = new ArrayDeque<>();
        RawHeaderBlock.LineTest delimiterLine = (r, s, e) -> matchingFrame(frames, r, s, e) != null;
        Entity root = entity(raw, 0, length, limits, null);
        open(root, 0, frames, limits);
        int parts = 1;
        int pos = root.bodyStart;
        while (pos < length) {
            int lineEnd = Lines.lineEnd(raw, pos, length);
            Frame frame = matchingFrame(frames, raw, pos, lineEnd);
            if (frame == null) {
                pos = Lines.next(raw, lineEnd, length);
                continue;
            }
            int end = bodyEndBefore(raw, pos);
            while (frames.peek() != frame) {
                close(frames.pop(), end);
            }
            close(frame, end);
            int next = Lines.next(raw, lineEnd, length);
            if (isCloseDelimiter(raw, pos + frame.delimiter.length, lineEnd)) {
                frames.pop();
                pos = next;
                continue;
            }
            if (++parts > limits.maxParts()) {
                throw new LimitExceeded(Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
            }
            Entity part = entity(raw, next, length, limits, delimiterLine);
            frame.owner.children.add(part);
            frame.current = part;
            open(part, frame.depth, frames, limits);
            pos = part.bodyStart;
        }
        finish(root, length);
        return root;
    }

    private static Entity entity(byte[] raw, int start, int length, ParseLimits limits, RawHeaderBlock.LineTest endsBlock) {
        RawHeaderBlock.Block block = RawHeaderBlock.read(raw, start, length, limits.maxHeaders(), name -> true, endsBlock);
        if (block.overLimit()) {
            throw new LimitExceeded(Reason.TOO_MANY_HEADERS, "a header block has more than " + limits.maxHeaders() + " fields");
        }
        return new Entity(block.fields(), block.bodyStart());
    }

    /** A multipart entity opens a frame one level deeper than the entity itself. */
    private static void open(Entity entity, int entityDepth, Deque<Frame> frames, ParseLimits limits) {
        if (!entity.type.isMultipart() || entity.type.boundary().isEmpty()) {
            return;
        }
        if (entityDepth + 1 > limits.maxDepth()) {
            throw new LimitExceeded(Reason.TOO_DEEP, "multiparts nest deeper than " + limits.maxDepth() + " levels");
        }
        byte[] delimiter = ("--" + entity.type.boundary().get()).getBytes(StandardCharsets.ISO_8859_1);
        frames.push(new Frame(delimiter, entityDepth + 1, entity));
    }

    /** Ends the frame's current part; the parts of inner frames were ended before. */
    private static void close(Frame frame, int end) {
        if (frame.current != null && frame.current.bodyEnd < 0) {
            frame.current.bodyEnd = Math.max(frame.current.bodyStart, end);
        }
    }

    /** Every entity still open at the end of input ends there. */
    private static void finish(Entity entity, int length) {
        Deque<Entity> pending = new ArrayDeque<>();
        pending.push(entity);
        while (!pending.isEmpty()) {
            Entity next = pending.pop();
            if (next.bodyEnd < 0) {
                next.bodyEnd = Math.max(next.bodyStart, length);
            }
            next.children.forEach(pending::push);
        }
    }

    /** The line break before a delimiter line belongs to the delimiter. */
    private static int bodyEndBefore(byte[] raw, int delimiterStart) {
        int end = delimiterStart;
        if (end > 0 && raw[end - 1] == '\n') {
            end--;
            if (end > 0 && raw[end - 1] == '\r') {
                end--;
            }
        } else if (end > 0 && raw[end - 1] == '\r') {
            end--;
        }
        return end;
    }

    /** The innermost open multipart whose delimiter this line is, or null. */
    private static Frame matchingFrame(Deque<Frame> frames, byte[] raw, int start, int end) {
        if (frames.isEmpty() || end - start < 2 || raw[start] != '-' || raw[start + 1] != '-') {
            return null;
        }
        for (Frame frame : frames) {
            if (Lines.startsWith(raw, start, end, frame.delimiter) && isDelimiterTail(raw, start + frame.delimiter.length, end)) {
                return frame;
            }
        }
        return null;
    }

    private static boolean isDelimiterTail(byte[] raw, int from, int end) {
        if (isCloseDelimiter(raw, from, end)) {
            return true;
        }
        for (int i = from; i < end; i++) {
            if (raw[i] != ' ' && raw[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isCloseDelimiter(byte[] raw, int from, int end) {
        return end - from >= 2 && raw[from] == '-' && raw[from + 1] == '-';
    }
}
