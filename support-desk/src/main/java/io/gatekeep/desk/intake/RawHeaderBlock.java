package io.gatekeep.desk.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads one header block straight from the raw bytes, without building MIME objects: field names, unfolded raw values
 * (bytes as ISO-8859-1 characters) of the fields the caller wants kept, and the count of every field seen. Reading
 * stops at the first empty line, at a line the caller says ends the block (a MIME boundary), or at the end of input.
 */
final class RawHeaderBlock {

    /** Reading stopped early because the block has more fields than allowed. */
    static final int OVER_LIMIT = -1;

    private RawHeaderBlock() {}

    /** A field as raw text: name trimmed, value unfolded but otherwise as written. */
    record RawField(String name, String value) {}

    /**
     * @param fields the kept fields, in order
     * @param count fields seen
     * @param bodyStart index where the body begins, or {@link #OVER_LIMIT}
     */
    record Block(List<RawField> fields, int count, int bodyStart) {

        boolean overLimit() {
            return bodyStart == OVER_LIMIT;
        }
    }

    /** A test on the raw line {@code [start, end)} saying the block ends before it. */
    interface LineTest {
        boolean matches(byte[] raw, int start, int end);
    }

    static Block read(byte[] raw, int start, int end, int maxFields, Predicate<String> keep, LineTest endsBlock) {
        List<RawField> fields = new ArrayList<>();
        String name = null;
        StringBuilder value = null;
        int count = 0;
        int pos = start;
        while (pos < end) {
            int lineEnd = Lines.lineEnd(raw, pos, end);
            int next = Lines.next(raw, lineEnd, end);
            if (lineEnd == pos) {
                add(fields, name, value);
                return new Block(fields, count, next);
            }
            if (endsBlock != null && endsBlock.matches(raw, pos, lineEnd)) {
                add(fields, name, value);
                return new Block(fields, count, pos);
            }
            byte first = raw[pos];
            if (first == ' ' || first == '\t') {
                if (value != null) {
                    value.append(Lines.latin1(raw, pos, lineEnd));
                }
            } else if (!(pos == start && start == 0 && Lines.startsWith(raw, pos, lineEnd, "From "))) {
                add(fields, name, value);
                name = null;
                value = null;
                if (++count > maxFields) {
                    return new Block(fields, count, OVER_LIMIT);
                }
                int colon = Lines.indexOf(raw, pos, lineEnd, (byte) ':');
                if (colon > pos) {
                    String fieldName = Lines.latin1(raw, pos, colon).strip();
                    if (keep.test(fieldName)) {
                        name = fieldName;
                        value = new StringBuilder(Lines.latin1(raw, colon + 1, lineEnd));
                    }
                }
            }
            pos = next;
        }
        add(fields, name, value);
        return new Block(fields, count, end);
    }

    private static void add(List<RawField> fields, String name, StringBuilder value) {
        if (name != null) {
            fields.add(new RawField(name, value.toString().strip()));
        }
    }
}
