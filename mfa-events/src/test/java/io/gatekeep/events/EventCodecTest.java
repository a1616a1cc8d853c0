package io.gatekeep.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatekeep.events.account.MemberUpdated;
import io.gatekeep.events.account.SignedUp;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private final EventCodec codec = new EventCodec();
    private final Instant now = Instant.parse("2026-11-28T10:15:30Z");

    @Test
    void wrapsPayloadInCloudEventsEnvelopeKeyedByUser() {
        SignedUp payload =
                new SignedUp(UUID.randomUUID(), "Acme", UUID.randomUUID(), "ada@acme.test", "Ada", "10.0.0.1");

        EventEnvelope envelope = codec.envelope(payload, "/gatekeep/mfa-api", now);

        assertThat(envelope.type()).isEqualTo("io.gatekeep.account.signed-up");
        assertThat(envelope.topic()).isEqualTo(Topic.ACCOUNT);
        assertThat(envelope.key()).isEqualTo(payload.userId().toString());
        assertThat(envelope.subject()).isEqualTo("user/" + payload.userId());
        assertThat(envelope.time()).isEqualTo(now);
        assertThat(envelope.schemaVersion()).isEqualTo(1);
        assertThat(codec.payload(envelope)).isEqualTo(payload);
    }

    @Test
    void roundTripsCollectionsAndIgnoresUnknownFields() {
        MemberUpdated payload = new MemberUpdated(
                UUID.randomUUID(),
                UUID.randomUUID(),
                "MEMBER",
                "ADMIN",
                Set.of(),
                Set.of("MANAGE_ORG_ACCESS"),
                UUID.randomUUID(),
                null);
        String json = codec.toJson(payload).replaceFirst("\\{", "{\"addedLater\":42,");

        assertThat(codec.read(EventType.MEMBER_UPDATED.type(), json)).isEqualTo(payload);
    }

    @Test
    void rejectsUnknownTypeAndMalformedPayload() {
        assertThatThrownBy(() -> codec.read("io.gatekeep.nope", "{}")).isInstanceOf(UnknownEventTypeException.class);
        assertThatThrownBy(() -> codec.read(EventType.SIGNED_UP.type(), "{not json"))
                .isInstanceOf(MalformedEventException.class);
    }
}
