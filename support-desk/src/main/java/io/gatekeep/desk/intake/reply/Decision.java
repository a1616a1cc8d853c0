package io.gatekeep.desk.intake.reply;

/** What a reply's first meaningful line says. */
public enum Decision {
    APPROVE,
    DENY,
    /** The requester cancels their own request. */
    STOP,
    /** Anything else, including lines that mix decisions or qualify them: answered with one clarification. */
    UNCLEAR
}
