package io.gatekeep.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.testing.ManagementPort;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The management port: health for anyone who reaches it, every other endpoint closed. */
class ManagementEndpointsIntegrationTest extends DeskIntegrationTest {

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void reportsDatabaseAndKafkaHealth() {
        HttpResponse<String> health = management().get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"", "\"db\"", "\"kafka\"");
    }

    @Test
    void keepsEveryOtherActuatorEndpointClosed() {
        assertThat(management().get("/actuator/env").statusCode()).isBetween(400, 499);
        assertThat(management().get("/actuator/beans").statusCode()).isBetween(400, 499);
    }

    private ManagementPort management() {
        return new ManagementPort(managementPort);
    }
}
