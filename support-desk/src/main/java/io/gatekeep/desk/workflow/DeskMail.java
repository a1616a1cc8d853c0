package io.gatekeep.desk.workflow;

import io.gatekeep.desk.tickets.ApprovalToken;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Queues the desk's mail as {@code outgoing_email} rows in the caller's transaction; the worker's dispatcher sends
 * them (with {@code Auto-Submitted: auto-generated} and {@code X-Auto-Response-Suppress}). Every desk mail comes From
 * the support address, carries {@code [MFA-XXXXX]} in its subject and is recorded on the ticket's thread. Answers to
 * whoever wrote are capped per recipient per hour, so two robots cannot loop through the desk.
 */
public class DeskMail {

    private final JdbcTemplate jdbc;
    private final Messages messages;
    private final Clock clock;
    /** How the desk's mail shows in people's inboxes (the address alone reads like spam). */
    static final String SENDER_NAME = "Gatekeep Support";

    private final String supportAddress;
    private final String messageIdDomain;
    private final int answersPerHour;

    public DeskMail(
            JdbcTemplate jdbc,
            Messages messages,
            Clock clock,
            String supportAddress,
            String messageIdDomain,
            int answersPerHour) {
        this.jdbc = jdbc;
        this.messages = messages;
        this.clock = clock;
        this.supportAddress = supportAddress;
        this.messageIdDomain = messageIdDomain;
        this.answersPerHour = answersPerHour;
    }

    /** One email: {@code purpose} names it in the cause key {@code desk:<ticket>:<purpose>}. */
    record Mail(
            TicketRow ticket,
            String purpose,
            String recipient,
            String subject,
            String body,
            String inReplyTo,
            boolean answer) {}

    /** Whether an automatic answer to {@code recipient} is still allowed this hour. */
    boolean mayAnswer(String recipient) {
        return messages.answersSince(recipient, Duration.ofHours(1)) < answersPerHour;
    }

    /** Queues a mail with its own, recorded Message-ID (replies to it thread back to the ticket). */
    void send(Mail mail) {
        String messageId = "gk-desk." + UUID.randomUUID() + "@" + messageIdDomain;
        if (insert(mail, null, "<" + messageId + ">")) {
            messages.recordOutbound(
                    mail.ticket().id(),
                    cause(mail),
                    messageId,
                    mail.recipient(),
                    subject(mail),
                    mail.body(),
                    kind(mail),
                    mail.answer());
        }
    }

    /**
     * Queues a confirmation request carrying {@code token} only in its Reply-To plus-address. Its Message-ID is random
     * like every desk mail's and is recorded on the thread, so replies (which copy it) find the ticket server-side;
     * the token itself is recorded nowhere (only its hash is kept).
     */
    void sendWithToken(Mail mail, ApprovalToken token) {
        int at = supportAddress.lastIndexOf('@');
        String replyTo = supportAddress.substring(0, at) + "+" + token.value() + supportAddress.substring(at);
        String messageId = "gk-desk." + UUID.randomUUID() + "@" + messageIdDomain;
        if (insert(mail, replyTo, "<" + messageId + ">")) {
            messages.recordOutbound(
                    mail.ticket().id(),
                    cause(mail),
                    messageId,
                    mail.recipient(),
                    subject(mail),
                    mail.body(),
                    kind(mail),
                    mail.answer());
        }
    }

    /**
     * Queues a mail whose body carries a one-time link (a cancel link): the thread records {@code recordedBody}, the
     * same text without the link, so the token exists in plain text only in the {@code outgoing_email} row until the
     * worker's dispatcher sends it and erases the body.
     */
    void sendWithSecretLink(Mail mail, String recordedBody) {
        String messageId = "gk-desk." + UUID.randomUUID() + "@" + messageIdDomain;
        if (insert(mail, null, "<" + messageId + ">")) {
            messages.recordOutbound(
                    mail.ticket().id(),
                    cause(mail),
                    messageId,
                    mail.recipient(),
                    subject(mail),
                    recordedBody,
                    kind(mail),
                    mail.answer());
        }
    }

    private boolean insert(Mail mail, String replyTo, String messageId) {
        String inReplyTo = mail.inReplyTo() == null ? null : "<" + mail.inReplyTo() + ">";
        return jdbc.update(
                        """
                insert into outgoing_email (id, cause_key, recipient, subject, body, status, attempts, next_attempt_at,
                                            created_at, from_address, reply_to, message_id, in_reply_to,
                                            references_header)
                values (?, ?, ?, ?, ?, 'PENDING', 0, ?, ?, ?, ?, ?, ?, ?)
                on conflict (cause_key) do nothing""",
                        UUID.randomUUID(),
                        cause(mail),
                        mail.recipient(),
                        subject(mail),
                        mail.body(),
                        Tickets.ts(clock.instant()),
                        Tickets.ts(clock.instant()),
                        SENDER_NAME + " <" + supportAddress + ">",
                        replyTo,
                        messageId,
                        inReplyTo,
                        inReplyTo)
                == 1;
    }

    private static String kind(Mail mail) {
        int colon = mail.purpose().indexOf(':');
        return colon < 0 ? mail.purpose() : mail.purpose().substring(0, colon);
    }

    private static String cause(Mail mail) {
        return "desk:" + mail.ticket().id() + ":" + mail.purpose();
    }

    private static String subject(Mail mail) {
        return mail.ticket().reference().subjectTag() + " " + mail.subject();
    }
}
