package io.gatekeep.desk.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code support.require-authenticated-sender} (default on) and {@code support.trusted-authserv-id}: an owner's
 * reply counts only with an Authentication-Results header from that authserv-id showing dmarc=pass or an aligned
 * dkim=pass. The local stack turns the requirement off (its mail server writes no such header).
 */
@ConfigurationProperties("support")
public record SenderAuthenticationProperties(
        @DefaultValue("true") boolean requireAuthenticatedSender, String trustedAuthservId) {

    public SenderAuthenticationProperties {
        if (requireAuthenticatedSender && (trustedAuthservId == null || trustedAuthservId.isBlank())) {
            throw new IllegalStateException(
                    "support.require-authenticated-sender is on: set support.trusted-authserv-id "
                            + "to the authserv-id of the mail server that receives the support mailbox's mail");
        }
    }
}
