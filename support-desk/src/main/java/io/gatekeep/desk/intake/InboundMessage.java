package io.gatekeep.desk.intake;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A parsed support email: immutable, decoded and normalised. Addresses are lower-case; Message-IDs are given without
 * angle brackets and with their case kept; text bodies are decoded to Java strings whatever the charset and transfer
 * encoding. Anything the parser had to guess or repair is listed in {@link #notes()}.
 *
 * @param headers every top-level header field in order, for checks not covered by an accessor
 * @param from the {@code From} mailboxes (normally one; more than one is suspicious and noted)
 * @param returnPath the {@code Return-Path} address; empty when absent or null ({@code <>})
 * @param nullReturnPath true when {@code Return-Path: <>}, the null sender of bounces and auto-replies
 * @param messageId the {@code Message-ID} without angle brackets, empty when absent or unusable
 * @param inReplyTo the msg-ids of {@code In-Reply-To}
 * @param references the msg-ids of {@code References}, oldest first
 * @param subject the decoded subject, empty when absent
 * @param date the {@code Date}, empty when absent or unparseable
 * @param contentType the top-level MIME type, lower-case, e.g. {@code multipart/report}
 * @param reportType the report type when the message is (or contains) a delivery, disposition or feedback report
 * @param plainText the first inline text/plain body
 * @param htmlText the first inline text/html body turned into text (line breaks kept)
 * @param htmlNewText the same HTML as text without the blocks clients mark as quoted history
 * @param attachments parts that are not the text bodies, described but not kept
 * @param sizeBytes raw size in bytes
 * @param contentSha256 SHA-256 of the raw bytes, hex
 * @param dedupeKey Message-ID, or the content hash when there is none
 * @param notes what the parser repaired or guessed (unknown charset, truncated body, …), for the agent's view
 */
public record InboundMessage(
        Headers headers,
        List<MailAddress> from,
        List<MailAddress> to,
        List<MailAddress> cc,
        List<MailAddress> replyTo,
        Optional<MailAddress> returnPath,
        boolean nullReturnPath,
        Optional<String> messageId,
        List<String> inReplyTo,
        List<String> references,
        String subject,
        Optional<Instant> date,
        String contentType,
        Optional<String> reportType,
        Optional<String> plainText,
        Optional<String> htmlText,
        Optional<String> htmlNewText,
        List<Attachment> attachments,
        long sizeBytes,
        String contentSha256,
        DedupeKey dedupeKey,
        List<String> notes) {

    public InboundMessage {
        from = List.copyOf(from);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        replyTo = List.copyOf(replyTo);
        inReplyTo = List.copyOf(inReplyTo);
        references = List.copyOf(references);
        attachments = List.copyOf(attachments);
        notes = List.copyOf(notes);
    }

    /** A part that is not one of the text bodies. */
    public record Attachment(String fileName, String contentType, long encodedSizeBytes) {}

    /** The single {@code From} mailbox; empty when there is none or more than one (never guess which is real). */
    public Optional<MailAddress> sender() {
        return from.size() == 1 ? Optional.of(from.get(0)) : Optional.empty();
    }

    /** {@code To} and {@code Cc} together. */
    public List<MailAddress> recipients() {
        return Stream.concat(to.stream(), cc.stream()).toList();
    }

    /** In-Reply-To then References: every msg-id this message says it answers. */
    public List<String> referencedIds() {
        return Stream.concat(inReplyTo.stream(), references.stream()).distinct().toList();
    }

    /** The best text the sender sent: the plain body when it has content, the HTML body as text otherwise. */
    public String bodyText() {
        return plainText.filter(text -> !text.isBlank()).or(() -> htmlText).orElse("");
    }

    public Optional<String> autoSubmitted() {
        return headers.first("Auto-Submitted");
    }

    public Optional<String> precedence() {
        return headers.first("Precedence");
    }

    public Optional<String> listId() {
        return headers.first("List-Id");
    }

    public Optional<String> listUnsubscribe() {
        return headers.first("List-Unsubscribe");
    }

    /** Every {@code Authentication-Results} value, topmost (added last, closest to us) first. */
    public List<String> authenticationResults() {
        return headers.all("Authentication-Results");
    }

    public boolean isMultipartReport() {
        return contentType.equals("multipart/report");
    }
}
