package io.gatekeep.desk.intake;

import java.util.Optional;

/**
 * What the parser made of a message: {@link Parsed}, or {@link Rejected} for mail over a limit or that cannot be
 * parsed. Both carry a {@link DedupeKey} so a rejected message also becomes exactly one ticket.
 */
public sealed interface ParseOutcome {

    DedupeKey dedupeKey();

    record Parsed(InboundMessage message) implements ParseOutcome {

        @Override
        public DedupeKey dedupeKey() {
            return message.dedupeKey();
        }
    }

    /**
     * The message was not parsed. {@code detail} is for the agent (no message content beyond what the reason names);
     * {@code partial} holds whatever headers could still be read.
     */
    record Rejected(Reason reason, String detail, PartialHeaders partial, long sizeBytes, DedupeKey dedupeKey)
            implements ParseOutcome {}

    enum Reason {
        TOO_LARGE,
        TOO_MANY_PARTS,
        TOO_DEEP,
        TOO_MANY_HEADERS,
        UNPARSEABLE,
        /** Parsed, but applying it failed the same way on every attempt (decided by the mailbox intake). */
        UNPROCESSABLE
    }

    /** Headers read from a rejected message on a best-effort basis. */
    record PartialHeaders(Optional<String> messageId, Optional<MailAddress> from, Optional<String> subject) {

        static final PartialHeaders NONE = new PartialHeaders(Optional.empty(), Optional.empty(), Optional.empty());
    }
}
