package io.gatekeep.api.organizations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Invitations an organization may send per fixed window ({@code gatekeep.invitations.rate-limit.*}), so a fresh
 * organization cannot be used to mail invitations to any number of addresses.
 */
@ConfigurationProperties("gatekeep.invitations.rate-limit")
record InvitationRateLimitProperties(
        @DefaultValue("50") int perOrganization,
        @DefaultValue("1h") Duration window) {}
