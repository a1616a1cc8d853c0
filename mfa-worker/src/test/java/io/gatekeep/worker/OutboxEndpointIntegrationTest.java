package io.gatekeep.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gatekeep.events.EventEnvelope;
import io.gatekeep.events.account.SignInMethod;
import io.gatekeep.events.account.SignedIn;
import io.gatekeep.testing.ManagementPort;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;

/** The operator's {@code outbox} endpoint over HTTP on the management port (releasing is on in these tests). */
class OutboxEndpointIntegrationTest extends WorkerIntegrationTest {

    private static final String PAYLOAD_MARKER = "198.51.100.203";

    @Value("${local.management.port}")
    int managementPort;

    @Test
    void listsAnEventTheRelaySetAsideWithoutItsPayloadAndReleasesItToBePublishedAgain() {
        ManagementPort management = new ManagementPort(managementPort);
        EventEnvelope event =
                publish(new SignedIn(UUID.randomUUID(), UUID.randomUUID(), SignInMethod.PASSWORD, PAYLOAD_MARKER));
        await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(status(event)));
        // As the relay leaves an event Kafka refused for good.
        jdbc.update("""
                update outbox_event set status = 'BLOCKED', attempts = 1, published_at = null,
                       last_error = 'RecordTooLargeException: The message is 2000123 bytes when serialized'
                where event_id = ?""", event.id());

        HttpResponse<String> listed = management.get("/actuator/outbox");

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body())
                .contains(
                        "\"total\":",
                        "\"eventId\":\"" + event.id() + "\"",
                        "\"type\":\"io.gatekeep.account.signed-in\"",
                        "\"topic\":\"account\"",
                        "\"attempts\":1",
                        "RecordTooLargeException",
                        "\"occurredAt\":\"20",
                        "\"age\":\"PT")
                .doesNotContain(PAYLOAD_MARKER);

        HttpResponse<String> released = management.post("/actuator/outbox/" + event.id());

        assertThat(released.statusCode()).isEqualTo(200);
        assertThat(released.body()).isEqualTo("{\"released\":[\"" + event.id() + "\"]}");
        await().atMost(Duration.ofSeconds(20)).until(() -> "PUBLISHED".equals(status(event)));
        assertThat(management.get("/actuator/outbox").body())
                .doesNotContain(event.id().toString());
    }

    private String status(EventEnvelope event) {
        return jdbc.queryForObject("select status from outbox_event where event_id = ?", String.class, event.id());
    }
}
