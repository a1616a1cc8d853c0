package io.gatekeep.messaging.consuming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordDecoderTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-01-05T09:00:00Z",
                "2026-01-05T09:00:00.1Z",
                "2026-01-05T09:00:00.123456Z",
                "2026-12-31T23:59:59.999999999Z",
                "2024-02-29T00:00:00.000Z",
                "1970-01-01T00:00:00Z",
                "2026-01-05T09:00:00+01:00",
                "2026-06-30T23:59:60Z",
                "2026-01-05T09:00:00.Z"
            })
    void readsEventTimesAsInstantParseDoes(String time) {
        assertThat(RecordDecoder.parseTime(time)).isEqualTo(Instant.parse(time));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2026-13-05T09:00:00Z",
                "2026-02-30T09:00:00Z",
                "2026-01-05T09:00:60Z",
                "2026-+1-05T09:00:00Z",
                "2026-01-05T09:00:00.1234567890Z",
                "2026-01-05 09:00:00Z",
                "yesterday",
                ""
            })
    void rejectsWhatInstantParseRejects(String time) {
        assertThatThrownBy(() -> Instant.parse(time)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> RecordDecoder.parseTime(time)).isInstanceOf(DateTimeParseException.class);
    }
}
