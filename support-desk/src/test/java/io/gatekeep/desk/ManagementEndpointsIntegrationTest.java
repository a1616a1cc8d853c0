package io.gatekeep.desk;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.testing.ManagementPort;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The management port: health and the outbox listing for anyone who reaches it, releasing only where turned on. */
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
    void listsTheEventsTheRelaySetAsideButReleasesNoneByDefault() {
        UUID eventId = blockedEvent();

        HttpResponse<String> listed = management().get("/actuator/outbox");
        HttpResponse<String> releaseOne = management().post("/actuator/outbox/" + eventId);
        HttpResponse<String> releaseAll = management().post("/actuator/outbox");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).contains("\"eventId\":\"" + eventId + "\"");
        assertThat(releaseOne.statusCode()).isBetween(400, 499);
        assertThat(releaseAll.statusCode()).isBetween(400, 499);
        assertThat(outboxStatus(eventId)).isEqualTo("BLOCKED");
    }

    @Test
    void keepsEveryOtherActuatorEndpointClosed() {
        assertThat(management().get("/actuator/env").statusCode()).isBetween(400, 499);
        assertThat(management().get("/actuator/beans").statusCode()).isBetween(400, 499);
    }

    /** A row as the relay leaves an event Kafka refused for good. */
    private UUID blockedEvent() {
        UUID eventId = UUID.randomUUID();
        jdbc.update("""
                insert into outbox_event (event_id, topic, partition_key, event_type, source, occurred_at,
                                          schema_version, payload, status, attempts, last_error)
                values (?, 'support-ticket', ?, 'io.gatekeep.support-ticket.transitioned', '/gatekeep/support-desk',
                        now(), 1, '{}', 'BLOCKED', 1, 'InvalidTopicException: test')""", eventId, UUID.randomUUID().toString());
        return eventId;
    }

    private String outboxStatus(UUID eventId) {
        return jdbc.queryForObject("select status from outbox_event where event_id = ?", String.class, eventId);
    }

    private ManagementPort management() {
        return new ManagementPort(managementPort);
    }
}
