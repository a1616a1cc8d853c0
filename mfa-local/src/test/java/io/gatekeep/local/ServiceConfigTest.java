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

        assertThat(api).containsEntry("server.port", "8080")
                .containsEntry("management.server.port", "9080")
                .containsEntry("spring.datasource.url", "jdbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.r2dbc.url", "r2dbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.flyway.url", "jdbc:postgresql://localhost:5433/gatekeep")
                .containsEntry("spring.kafka.bootstrap-servers", "localhost:9092")
                .containsEntry("spring.mail.port", "3025")
                .containsEntry("gatekeep.mfa.encryption.keys.dev-1", "a2V5")
                .containsEntry("gatekeep.mfa.encryption.active-key-id", "dev-1");
    }

    @Test
    void onlyTheDeskReadsTheSupportMailboxAndTrustsUnauthenticatedLocalMail() {
        Map<String, String> desk = ServiceConfig.properties(Service.DESK, INFRA, "a2V5");
        Map<String, String> worker = ServiceConfig.properties(Service.WORKER, INFRA, "a2V5");

        assertThat(desk).containsEntry("server.port", "8082")
                .containsEntry("gatekeep.desk.mailbox.port", "3143")
                .containsEntry("gatekeep.desk.mailbox.username", "support@localhost")
                .containsEntry("support.require-authenticated-sender", "false")
                .containsEntry("gatekeep.desk.min-membership-age", "0s")
                .containsEntry("gatekeep.desk.agents.bootstrap-username", "agent");
        assertThat(worker).containsEntry("management.server.port", "9081")
                .doesNotContainKey("support.require-authenticated-sender");
    }

    @Test
    void travelsAsFlatSpringApplicationJson() {
        String json = ServiceConfig.toJson(Map.of("gatekeep.mfa.encryption.keys.dev-1", "a2V5"));

        assertThat(json).isEqualTo("{\"gatekeep.mfa.encryption.keys.dev-1\":\"a2V5\"}");
    }
}
