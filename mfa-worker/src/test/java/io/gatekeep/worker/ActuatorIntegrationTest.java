package io.gatekeep.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

class ActuatorIntegrationTest extends WorkerIntegrationTest {

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void reportsDatabaseKafkaAndMailHealthOnTheManagementPort() throws Exception {
        HttpResponse<String> health = get("/actuator/health");

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body())
                .contains("\"status\":\"UP\"")
                .contains("\"db\"")
                .contains("\"kafka\"")
                .contains("\"mail\"");
    }

    @Test
    void exposesPrometheusMetricsIncludingTheOutboxRelay() throws Exception {
        HttpResponse<String> metrics = get("/actuator/prometheus");

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("gatekeep_outbox_published").contains("gatekeep_outbox_pending");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + managementPort + path))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
    }
}
