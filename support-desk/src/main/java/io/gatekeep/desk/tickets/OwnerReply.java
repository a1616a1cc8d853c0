package io.gatekeep.desk.tickets;

import io.gatekeep.desk.intake.reply.Decision;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The facts about a reply that carries an approval token, gathered before {@link OwnerReplyPolicy} decides.
 *
 * @param token the stored token the reply's token hashes to; empty when it matches none
 * @param ticketStatus status of the token's ticket
 * @param clarificationSent whether this ticket already got its one clarification
 * @param sender the single From address, lower-case
 * @param otherTicketsReferenced tickets other than the token's that the reply names (subject tag, thread)
 * @param senderAuthentication empty when not required; otherwise the verdict's evidence or failure
 * @param decision what the first non-quoted line says
 * @param written the reply's {@code Date}; empty when absent or unreadable
 * @param now when the reply arrived at the desk
 */
public record OwnerReply(
        Optional<StoredToken> token,
        TicketStatus ticketStatus,
        boolean clarificationSent,
        Optional<String> sender,
        Set<UUID> otherTicketsReferenced,
        Optional<Check> senderAuthentication,
        Decision decision,
        Optional<Instant> written,
        Instant now) {

    /**
     * A token row: what it is bound to and whether it is still good.
     *
     * @param issuedAt when the confirmation request carrying it was queued
     */
    public record StoredToken(
            UUID ticketId,
            UUID approverUserId,
            String approverEmail,
            String action,
            Instant issuedAt,
            Instant expiresAt,
            Optional<Instant> usedAt) {}
}
