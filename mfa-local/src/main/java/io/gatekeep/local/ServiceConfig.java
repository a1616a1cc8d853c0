package io.gatekeep.local;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Spring properties each service gets on the local stack. They travel in {@code SPRING_APPLICATION_JSON} rather
 * than on the command line, so the development key never shows in {@code ps}, and map keys such as
 * {@code keys.dev-1} survive (environment variable names cannot carry them).
 */
final class ServiceConfig {

    static final String KEY_ID = "dev-1";
    /** The support agent the local stack creates, for the desk's agent API (password and TOTP code). */
    static final String DEMO_AGENT = "agent";

    static final String DEMO_AGENT_PASSWORD = "Demo-Agent-Passw0rd!";

    private ServiceConfig() {}

    static Map<String, String> properties(Service service, Infrastructure infra, String encryptionKey) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("server.port", String.valueOf(service.port()));
        p.put("management.server.port", String.valueOf(service.managementPort()));
        p.put("spring.datasource.url", infra.jdbcUrl());
        p.put("spring.datasource.username", infra.dbUser());
        p.put("spring.datasource.password", infra.dbPassword());
        p.put("spring.r2dbc.url", infra.r2dbcUrl());
        p.put("spring.r2dbc.username", infra.dbUser());
        p.put("spring.r2dbc.password", infra.dbPassword());
        p.put("spring.flyway.url", infra.jdbcUrl());
        p.put("spring.flyway.user", infra.dbUser());
        p.put("spring.flyway.password", infra.dbPassword());
        p.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrap());
        p.put("spring.mail.host", "localhost");
        p.put("spring.mail.port", String.valueOf(infra.smtpPort()));
        p.put("gatekeep.web.base-url", "http://localhost:" + Service.API.port());
        p.put("gatekeep.mfa.encryption.keys." + KEY_ID, encryptionKey);
        p.put("gatekeep.mfa.encryption.active-key-id", KEY_ID);
        // The desk reads accounts through the API's internal directory with this service credential.
        p.put("gatekeep.internal.service-tokens.desk", deskServiceToken(encryptionKey));
        if (service == Service.DESK) {
            p.put("gatekeep.desk.mailbox.host", "localhost");
            p.put("gatekeep.desk.mailbox.port", String.valueOf(infra.imapPort()));
            p.put("gatekeep.desk.mailbox.protocol", "imap");
            p.put("gatekeep.desk.mailbox.username", Infrastructure.SUPPORT_ADDRESS);
            p.put("gatekeep.desk.mailbox.password", Infrastructure.SUPPORT_ADDRESS);
            p.put("gatekeep.desk.support-address", Infrastructure.SUPPORT_ADDRESS);
            p.put("gatekeep.desk.directory.base-url", "http://localhost:" + Service.API.port());
            p.put("gatekeep.desk.directory.token", deskServiceToken(encryptionKey));
            // The local mail server adds no Authentication-Results header, so neither requests nor owner replies can
            // be DMARC-checked (the banner says so).
            p.put("support.require-authenticated-sender", "false");
            // The demo organization is minutes old: without this nobody in it could confirm a recovery (the banner
            // says so; the default is 7 days).
            p.put("gatekeep.desk.min-membership-age", "0s");
            p.put("gatekeep.desk.agents.bootstrap-username", DEMO_AGENT);
            p.put("gatekeep.desk.agents.bootstrap-password", DEMO_AGENT_PASSWORD);
            // The agent's TOTP secret is derived like the service token, so the banner can print it on every start.
            p.put("gatekeep.desk.agents.secret-key", deskAgentSecretKey(encryptionKey));
            p.put("gatekeep.desk.agents.bootstrap-totp-secret", demoAgentTotpSecret(encryptionKey));
            // An approved reset waits one minute (24 hours elsewhere) so the walk-through can show it happen.
            p.put("gatekeep.desk.reset-delay", "1m");
            p.put("gatekeep.desk.reset-sweep-interval", "5s");
            p.put("gatekeep.desk.cancel-base-url", "http://localhost:" + Service.API.port());
            // IDLE wakes the desk as soon as mail arrives; renew it often so a person trying it never waits long.
            p.put("gatekeep.desk.mailbox.idle-renewal", "30s");
            p.put("gatekeep.desk.mailbox.poll-interval", "5s");
        }
        if (service == Service.API) {
            // The web client's cancel page posts to the API, which hands the request to the desk.
            p.put("gatekeep.desk.base-url", "http://localhost:" + Service.DESK.port());
        }
        if (service == Service.WORKER) {
            // Memberships of the seeded demo are minutes old: the reset re-check accepts them on this stack only.
            p.put("gatekeep.support-reset.min-membership-age", "0s");
        }
        return p;
    }

    /** The demo agent's TOTP secret (base32), derived from the development key: stable across restarts. */
    static String demoAgentTotpSecret(String encryptionKey) {
        return io.gatekeep.api.mfa.totp.TotpSecret.of(
                        java.util.Arrays.copyOf(sha256("gatekeep-local demo agent totp:" + encryptionKey), 20))
                .base32();
    }

    /** The key sealing agents' TOTP secrets on the local stack (base64 of 32 derived bytes). */
    static String deskAgentSecretKey(String encryptionKey) {
        return java.util.Base64.getEncoder().encodeToString(sha256("gatekeep-local desk agent key:" + encryptionKey));
    }

    private static byte[] sha256(String text) {
        try {
            return java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM", e);
        }
    }

    /** Derived from the development key, so it is stable across restarts and never written anywhere else. */
    static String deskServiceToken(String encryptionKey) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(("gatekeep-local desk service token:" + encryptionKey)
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM", e);
        }
    }

    static String toJson(Map<String, String> properties) {
        return JsonMapper.builder().build().writeValueAsString(properties);
    }
}
