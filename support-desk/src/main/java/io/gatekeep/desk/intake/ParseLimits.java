package io.gatekeep.desk.intake;

/**
 * Bounds on what the parser accepts. A message over any of them is rejected (never partially trusted), except
 * {@code maxBodyChars}, which only truncates the text kept per body and is noted on the message.
 *
 * @param maxSizeBytes raw message size, headers included
 * @param maxParts MIME entities in the message, the root included
 * @param maxDepth multipart nesting levels (a plain single-part message has depth 0)
 * @param maxHeaders header fields in any one header block (the message's or a part's)
 * @param maxBodyChars characters kept of each text body; HTML source beyond four times this is not parsed
 */
public record ParseLimits(long maxSizeBytes, int maxParts, int maxDepth, int maxHeaders, int maxBodyChars) {

    public ParseLimits {
        if (maxSizeBytes < 1024 || maxParts < 1 || maxDepth < 0 || maxHeaders < 1 || maxBodyChars < 1) {
            throw new IllegalArgumentException("parse limits must be positive (size at least 1 KiB)");
        }
    }

    /** 10 MiB, 100 parts, depth 10, 500 header fields per block, 256 Ki characters of text per body. */
    public static ParseLimits defaults() {
        return new ParseLimits(10L * 1024 * 1024, 100, 10, 500, 256 * 1024);
    }

    public ParseLimits withMaxSizeBytes(long value) {
        return new ParseLimits(value, maxParts, maxDepth, maxHeaders, maxBodyChars);
    }

    public ParseLimits withMaxParts(int value) {
        return new ParseLimits(maxSizeBytes, value, maxDepth, maxHeaders, maxBodyChars);
    }

    public ParseLimits withMaxDepth(int value) {
        return new ParseLimits(maxSizeBytes, maxParts, value, maxHeaders, maxBodyChars);
    }

    public ParseLimits withMaxHeaders(int value) {
        return new ParseLimits(maxSizeBytes, maxParts, maxDepth, value, maxBodyChars);
    }

    public ParseLimits withMaxBodyChars(int value) {
        return new ParseLimits(maxSizeBytes, maxParts, maxDepth, maxHeaders, value);
    }
}
