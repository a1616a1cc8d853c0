package io.gatekeep.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Guards the rule that no event ever carries a secret, a code, a token or a password hash. */
class EventPayloadsCarryNoSecretsTest {

    private static final List<String> FORBIDDEN = List.of("secret", "password", "token", "hash", "otp", "recoverycode");

    @Test
    void noPayloadHasAFieldNamedLikeASecret() {
        for (EventType type : EventType.values()) {
            assertThat(type.payloadType().isRecord()).as("%s is a record", type).isTrue();
            List<String> names = Arrays.stream(type.payloadType().getRecordComponents())
                    .map(RecordComponent::getName)
                    .map(name -> name.toLowerCase(Locale.ROOT))
                    .toList();
            for (String name : names) {
                assertThat(FORBIDDEN).as("field %s of %s", name, type).noneMatch(name::contains);
                assertThat(name).as("field %s of %s", name, type).isNotEqualTo("code");
            }
        }
    }

    @Test
    void everyTypeIsUniqueAndNamespaced() {
        assertThat(EventType.values())
                .extracting(EventType::type)
                .doesNotHaveDuplicates()
                .allMatch(type -> type.startsWith("io.gatekeep."));
    }
}
