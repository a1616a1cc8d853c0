package io.gatekeep.desk.agents;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How agents sign in ({@code gatekeep.desk.agents.*}).
 *
 * @param secretKey base64 of the 32-byte AES key that seals agents' TOTP secrets at rest (required:
 *                  {@code openssl rand -base64 32})
 * @param secretKeyId the id stored next to each sealed secret, so the key can be rotated
 * @param bootstrapTotpSecret base32 TOTP secret for the bootstrap agent instead of a generated one (the local stack
 *                            derives it, so it can print it); leave unset elsewhere
 * @param sessionTtl how long an agent session lasts at most
 * @param idleTimeout how long an agent session lasts without a request
 * @param signInsPerAgent sign-in attempts per user name per window, counted before checking anything
 * @param signInsPerIp sign-in attempts per client address per window
 * @param signInWindow the fixed window of both limits
 */
@ConfigurationProperties("gatekeep.desk.agents")
record AgentLoginProperties(
        String secretKey,
        @DefaultValue("agents-1") String secretKeyId,
        String bootstrapTotpSecret,
        @DefaultValue("8h") Duration sessionTtl,
        @DefaultValue("30m") Duration idleTimeout,
        @DefaultValue("10") int signInsPerAgent,
        @DefaultValue("100") int signInsPerIp,
        @DefaultValue("15m") Duration signInWindow) {

    AgentLoginProperties {
        if (secretKey == null || secretKey.isBlank()) {
            throw new IllegalStateException("gatekeep.desk.agents.secret-key is required: the base64 of a 32-byte key "
                    + "(openssl rand -base64 32) that encrypts the agents' TOTP secrets at rest");
        }
    }
}
