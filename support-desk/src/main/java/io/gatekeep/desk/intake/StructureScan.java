package io.gatekeep.desk.intake;

import io.gatekeep.desk.intake.ParseOutcome.Reason;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * A single pass over the raw bytes that enforces the part, depth and header limits before any MIME object exists.
 * Jakarta Mail builds every part of a multipart at once, so a 10 MB message of a million empty parts would otherwise
 * exhaust the heap before the walker could count them. The scan reads boundaries the way the walker will (same
 * {@link MediaType} reading, a part's headers end at a boundary line), and treats {@code message/rfc822} bodies as
 * opaque, as the walker does.
 */
final class StructureScan {

    private StructureScan() {}

    record Violation(Reason reason, String detail) {}

    private record Frame(byte[] delimiter, int depth) {}

    static Optional<Violation> check(byte[] raw, int length, ParseLimits limits) {
        Deque<Frame> frames = new ArrayDeque<>();
        int parts = 1;
        int entityDepth = 0;
        boolean headersNext = true;
        int pos = 0;
        while (pos < length) {
            if (headersNext) {
                RawHeaderBlock.Block block = RawHeaderBlock.read(raw, pos, length, limits.maxHeaders(),
                        name -> name.equalsIgnoreCase("Content-Type"), (r, s, e) -> matchingFrame(frames, r, s, e) != null);
                if (block.overLimit()) {
                    return violation(Reason.TOO_MANY_HEADERS, "a header block has more than " + limits.maxHeaders() + " fields");
                }
                headersNext = false;
                pos = block.bodyStart();
                MediaType type = MediaType.parse(block.fields().isEmpty() ? null : block.fields().get(0).value());
                if (type.isMultipart() && type.boundary().isPresent()) {
                    if (entityDepth + 1 > limits.maxDepth()) {
                        return violation(Reason.TOO_DEEP, "multiparts nest deeper than " + limits.maxDepth() + " levels");
                    }
                    frames.push(new Frame(delimiter(type.boundary().get()), entityDepth + 1));
                }
                continue;
            }
            int lineEnd = Lines.lineEnd(raw, pos, length);
            Frame frame = matchingFrame(frames, raw, pos, lineEnd);
            if (frame != null) {
                while (frames.peek() != frame) {
                    frames.pop();
                }
                if (isCloseDelimiter(raw, pos + frame.delimiter().length, lineEnd)) {
                    frames.pop();
                } else {
                    if (++parts > limits.maxParts()) {
                        return violation(Reason.TOO_MANY_PARTS, "more than " + limits.maxParts() + " MIME parts");
                    }
                    entityDepth = frame.depth();
                    headersNext = true;
                }
            }
            pos = Lines.next(raw, lineEnd, length);
        }
        return Optional.empty();
    }

    static byte[] delimiter(String boundary) {
        return ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The innermost open multipart whose delimiter this line is, or null. */
    private static Frame matchingFrame(Deque<Frame> frames, byte[] raw, int start, int end) {
        if (frames.isEmpty() || end - start < 2 || raw[start] != '-' || raw[start + 1] != '-') {
            return null;
        }
        for (Frame frame : frames) {
            if (Lines.startsWith(raw, start, end, frame.delimiter())
                    && isDelimiterTail(raw, start + frame.delimiter().length, end)) {
                return frame;
            }
        }
        return null;
    }

    /** After the boundary a delimiter line holds only whitespace, or "--" (and anything) when it closes the multipart. */
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

    private static Optional<Violation> violation(Reason reason, String detail) {
        return Optional.of(new Violation(reason, detail));
    }
}
