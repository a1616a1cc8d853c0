package io.gatekeep.desk.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The desk's settings ({@code gatekeep.desk.*}).
 *
 * @param supportAddress the address requests are sent to and desk mail comes From; approval tokens are plus-addressed
 *                       on it ({@code support+<token>@domain})
 * @param messageIdDomain the domain of the Message-IDs the desk sets; defaults to {@code desk.<support domain>}
 * @param ticketTtl how long a ticket waits for the requester or the owner before it expires
 * @param repliesPerSenderPerHour automatic answers one address may get per hour (no mail loops)
 * @param expirySweepInterval how often expired tickets are looked for
 */
@ConfigurationProperties("gatekeep.desk")
public record DeskProperties(
        @DefaultValue("support@localhost") String supportAddress,
        String messageIdDomain,
        @DefaultValue("72h") Duration ticketTtl,
        @DefaultValue("5") int repliesPerSenderPerHour,
        @DefaultValue("1m") Duration expirySweepInterval,
        @DefaultValue Mailbox mailbox,
        @DefaultValue Directory directory,
        @DefaultValue Limits limits,
        @DefaultValue Agents agents) {

    public String supportDomain() {
        return supportAddress.substring(supportAddress.lastIndexOf('@') + 1).toLowerCase(java.util.Locale.ROOT);
    }

    public String effectiveMessageIdDomain() {
        return messageIdDomain != null && !messageIdDomain.isBlank() ? messageIdDomain : "desk." + supportDomain();
    }

    /**
     * @param mode {@code auto} (IDLE when the server offers it, polling otherwise), {@code idle}, {@code poll}, or
     *             {@code off} (no intake: tests and agent-only instances)
     * @param ssl IMAPS (TLS from the first byte); {@code starttls} upgrades a plain connection instead
     * @param maxFetchSize unseen messages read per round (one search, one fetch, one flag command per round)
     * @param workers threads applying a round's messages; one sender's messages are applied in order on one thread
     */
    public record Mailbox(
            @DefaultValue("localhost") String host,
            @DefaultValue("3143") int port,
            @DefaultValue("imap") String protocol,
            @DefaultValue("support@localhost") String username,
            @DefaultValue("support@localhost") String password,
            @DefaultValue("INBOX") String folder,
            @DefaultValue("auto") String mode,
            @DefaultValue("false") boolean ssl,
            @DefaultValue("false") boolean starttls,
            @DefaultValue("30s") Duration pollInterval,
            @DefaultValue("2m") Duration idleRenewal,
            @DefaultValue("500") int maxFetchSize,
            @DefaultValue("4") int workers) {}

    public record Directory(
            @DefaultValue("http://localhost:8080") String baseUrl,
            String token,
            @DefaultValue("5s") Duration timeout) {}

    public record Limits(
            @DefaultValue("26214400") long maxSizeBytes,
            @DefaultValue("1200") int maxParts,
            @DefaultValue("10") int maxDepth,
            @DefaultValue("500") int maxHeaders,
            @DefaultValue("262144") int maxBodyChars) {}

    /** The agent created at start-up when no agent with this user name exists (no password: none is created). */
    public record Agents(String bootstrapUsername, String bootstrapPassword) {}
}
