package io.gatekeep.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceConfigTest {

    private static final Infrastructure INFRA =
            new Infrastructure(5433, "gatekeep", "gatekeep", "gatekeep", "localhost:9092", 3025, 3143);

    @Test
    void pointsEveryServiceAtTheEmbeddedServersItWasGiven() {
        Map<String, String> api = ServiceConfig.properties(Service.API, INFRA, "a2V5");

        assertThat(api)
                .containsEntry("server.port", "8080")
                .containsEntry("management.server.port", "9080")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.r2dbc.url", "r2dbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.flyway.url", "jdbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.kafka.bootstrap-servers", "localhost:9092")
                .containsEntry("spring.mail.port", "3025")
                .containsEntry("gatekeep.mfa.encryption.keys.dev-1", "a2V5")
                .containsEntry("gatekeep.mfa.encryption.active-key-id", "dev-1")
                .containsEntry("gatekeep.desk.base-url", "http://localhost:8082");
    }

    @Test
    void onlyTheDeskReadsTheSupportMailboxAndTrustsUnauthenticatedLocalMail() {
        Map<String, String> desk = ServiceConfig.properties(Service.DESK, INFRA, "a2V5");
        Map<String, String> worker = ServiceConfig.properties(Service.WORKER, INFRA, "a2V5");

        assertThat(desk)
                .containsEntry("server.port", "8082")
                .containsEntry("gatekeep.desk.mailbox.port", "3143")
                .containsEntry("gatekeep.desk.mailbox.username", "support@localhost")
                .containsEntry("support.require-authenticated-sender", "false")
                .containsEntry("gatekeep.desk.min-membership-age", "0s")
                .containsEntry("gatekeep.desk.agents.bootstrap-username", "agent")
                .containsEntry("gatekeep.desk.agents.bootstrap-totp-secret", ServiceConfig.demoAgentTotpSecret("a2V5"))
                .containsEntry("gatekeep.desk.reset-delay", "1m")
                .containsKey("gatekeep.desk.agents.secret-key");
        assertThat(ServiceConfig.demoAgentTotpSecret("a2V5")).matches("[A-Z2-7]{32}");
        assertThat(java.util.Base64.getDecoder().decode(desk.get("gatekeep.desk.agents.secret-key")))
                .hasSize(32);
        assertThat(worker).containsEntry("gatekeep.support-reset.min-membership-age", "0s");
        assertThat(worker)
                .containsEntry("management.server.port", "9081")
                .doesNotContainKey("support.require-authenticated-sender");
    }

    @Test
    void travelsAsFlatSpringApplicationJson() {
        String json = ServiceConfig.toJson(Map.of("gatekeep.mfa.encryption.keys.dev-1", "a2V5"));

        assertThat(json).isEqualTo("{\"gatekeep.mfa.encryption.keys.dev-1\":\"a2V5\"}");
    }
}
