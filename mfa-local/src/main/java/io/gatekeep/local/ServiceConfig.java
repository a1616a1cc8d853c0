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

    private ServiceConfig() {
    }

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
        if (service == Service.DESK) {
            p.put("gatekeep.desk.mailbox.host", "localhost");
            p.put("gatekeep.desk.mailbox.port", String.valueOf(infra.imapPort()));
            p.put("gatekeep.desk.mailbox.protocol", "imap");
            p.put("gatekeep.desk.mailbox.username", Infrastructure.SUPPORT_ADDRESS);
            p.put("gatekeep.desk.mailbox.password", Infrastructure.SUPPORT_ADDRESS);
            p.put("gatekeep.desk.support-address", Infrastructure.SUPPORT_ADDRESS);
            // The local mail server adds no Authentication-Results header, so owner replies cannot be DMARC-checked.
            p.put("support.require-authenticated-sender", "false");
        }
        return p;
    }

    static String toJson(Map<String, String> properties) {
        return JsonMapper.builder().build().writeValueAsString(properties);
    }
}
