package io.gatekeep.api.audit.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditCursorTest {

    @Test
    void roundTripsWithMicrosecondPrecision() {
        AuditCursor cursor = new AuditCursor(Instant.parse("2026-03-01T10:00:00.123456Z"), 42);
        assertThat(AuditCursor.decode(cursor.encode())).contains(cursor);
    }

    @Test
    void rejectsAnythingElse() {
        assertThat(AuditCursor.decode("garbage!")).isEmpty();
        assertThat(AuditCursor.decode("")).isEmpty();
        assertThat(AuditCursor.decode("MTIz")).isEmpty();
    }
}
