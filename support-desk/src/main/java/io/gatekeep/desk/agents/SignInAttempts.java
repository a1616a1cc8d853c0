package io.gatekeep.desk.agents;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Agent sign-in attempts per fixed window, counted like user sign-ins (in {@code rate_limit_counter}, windows aligned
 * to the epoch so every desk instance agrees): every attempt counts before anything is checked, per user name (known
 * or not) and per client address. Runs in its own statement so the count holds even when the attempt fails.
 */
class SignInAttempts {

    private static final String HIT = """
            insert into rate_limit_counter (bucket, window_start, hits) values (?, ?, 1)
            on conflict (bucket, window_start) do update set hits = rate_limit_counter.hits + 1
            returning hits""";

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final Duration window;
    private final int perAgent;
    private final int perIp;

    SignInAttempts(JdbcTemplate jdbc, Clock clock, Duration window, int perAgent, int perIp) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.window = window;
        this.perAgent = perAgent;
        this.perIp = perIp;
    }

    /** Counts the attempt; empty when within both limits, else how long until the window ends. */
    Optional<Duration> count(String username, String clientIp) {
        Instant now = clock.instant();
        long length = window.toMillis();
        Instant start = Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), length) * length);
        boolean overAgent = hit("desk-sign-in:agent:" + username, start) > perAgent;
        boolean overIp = hit("desk-sign-in:ip:" + clientIp, start) > perIp;
        return overAgent || overIp ? Optional.of(Duration.between(now, start.plus(window))) : Optional.empty();
    }

    private int hit(String bucket, Instant windowStart) {
        return jdbc.queryForObject(HIT, Integer.class, bucket, Timestamp.from(windowStart));
    }
}
