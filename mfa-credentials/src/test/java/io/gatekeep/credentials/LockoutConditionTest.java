package io.gatekeep.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.mfa.lockout.AttemptDecision;
import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;
import io.gatekeep.testing.TestDatabase;
import io.gatekeep.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lockout rule exists once: the SQL of {@link LockoutCondition} says of every {@code mfa_lockout} row what
 * {@link LockoutState} says of the same state. Each row of the table is stored in PostgreSQL (a table shaped like
 * {@code mfa_lockout}) and given to the Java model, at the same instant, under the default policy.
 */
class LockoutConditionTest {

    private static final LockoutPolicy POLICY = LockoutPolicy.defaults();
    private static final Instant NOW = Instant.parse("2026-12-05T12:00:00.123456Z");
    private static Connection db;

    @BeforeAll
    static void createLockoutTable() throws SQLException {
        TestDatabase database = TestPostgres.get().newMigratedDatabase();
        db = database.connect();
        db.createStatement().execute("create temporary table lockout_row (like mfa_lockout including defaults)");
    }

    @AfterAll
    static void close() throws SQLException {
        db.close();
    }

    /** Failures around the policy's five, and locks that ended, end now, or hold. */
    static Stream<LockoutState> rows() {
        List<LockoutState> rows = new ArrayList<>();
        List<Instant> locks = new ArrayList<>();
        locks.add(null);
        locks.add(NOW.minus(Duration.ofHours(1)));
        locks.add(NOW.minus(Duration.of(1, ChronoUnit.MICROS)));
        locks.add(NOW);
        locks.add(NOW.plus(Duration.of(1, ChronoUnit.MICROS)));
        locks.add(NOW.plus(Duration.ofMinutes(15)));
        for (int failures : new int[] {0, 1, 4, 5, 6}) {
            for (Instant lockedUntil : locks) {
                int lockouts = lockedUntil == null ? 0 : 1;
                Instant lastLockout = lockedUntil == null ? null : lockedUntil.minus(Duration.ofMinutes(15));
                rows.add(new LockoutState(failures, lockouts, lockedUntil, lastLockout));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest
    @MethodSource("rows")
    void notLockedAgreesWithTheModel(LockoutState state) throws SQLException {
        assertThat(holds(LockoutCondition.notLocked(""), state)).isEqualTo(!state.isLockedAt(NOW));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void permitsAttemptAgreesWithTheModel(LockoutState state) throws SQLException {
        assertThat(holds(LockoutCondition.permitsAttempt(""), state)).isEqualTo(state.permitsAttempt(POLICY, NOW));
    }

    @ParameterizedTest
    @MethodSource("rows")
    void startsLockExactlyWhenTheModelWould(LockoutState state) throws SQLException {
        String startsLock = LockoutCondition.notLocked("") + " and " + LockoutCondition.attemptsUsedUp("");
        boolean modelStartsLock =
                state.beginAttempt(POLICY, NOW).decision() instanceof AttemptDecision.Refused r && r.lockedNow();
        assertThat(holds(startsLock, state)).isEqualTo(modelStartsLock);
    }

    /** Stores {@code state} as the only row and answers whether {@code condition} holds for it. */
    private static boolean holds(String condition, LockoutState state) throws SQLException {
        db.createStatement().execute("delete from lockout_row");
        try (PreparedStatement insert = db.prepareStatement("""
                insert into lockout_row (user_id, consecutive_failures, lockout_count, locked_until, last_lockout_at,
                                         updated_at)
                values (gen_random_uuid(), ?, ?, ?, ?, ?)""")) {
            insert.setInt(1, state.consecutiveFailures());
            insert.setInt(2, state.lockoutCount());
            insert.setObject(3, timestamp(state.lockedUntil()));
            insert.setObject(4, timestamp(state.lastLockoutAt()));
            insert.setObject(5, timestamp(NOW));
            insert.executeUpdate();
        }
        Map<String, Object> parameters = Map.of("now", timestamp(NOW), "max", LockoutCondition.maxParameter(POLICY));
        List<Object> values = new ArrayList<>();
        Matcher names = Pattern.compile(":(\\w+)").matcher(condition);
        StringBuilder sql = new StringBuilder("select ");
        while (names.find()) {
            values.add(parameters.get(names.group(1)));
            names.appendReplacement(sql, "?");
        }
        names.appendTail(sql).append(" from lockout_row");
        try (PreparedStatement query = db.prepareStatement(sql.toString())) {
            for (int i = 0; i < values.size(); i++) {
                query.setObject(i + 1, values.get(i));
            }
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getBoolean(1);
            }
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
