package io.gatekeep.desk.workflow;

/** {@link RecoveryThreads} for tests in other packages. */
public final class RecoveryThreadsAccess {

    private RecoveryThreadsAccess() {}

    public static String ownerReply(
            String messageId,
            String from,
            String to,
            String subject,
            String inReplyTo,
            String authenticationResults,
            String firstLine) {
        return RecoveryThreads.ownerReply(messageId, from, to, subject, inReplyTo, authenticationResults, firstLine);
    }
}
