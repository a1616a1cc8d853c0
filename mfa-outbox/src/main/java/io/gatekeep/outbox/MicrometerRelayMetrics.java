package io.gatekeep.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code gatekeep.outbox.published}, {@code .failures} and {@code .blocked} counters, and a
 * {@code gatekeep.outbox.pending} gauge (queried when scraped; the partial index on pending rows keeps it cheap).
 * Bound to the registry by Boot as a {@link MeterBinder}; counts before binding are dropped.
 */
final class MicrometerRelayMetrics implements RelayMetrics, MeterBinder {

    private final DataSource dataSource;
    private volatile Counter published;
    private volatile Counter failures;
    private volatile Counter blocked;

    MicrometerRelayMetrics(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        published = Counter.builder("gatekeep.outbox.published")
                .description("Outbox events published to Kafka")
                .register(registry);
        failures = Counter.builder("gatekeep.outbox.failures")
                .description("Sends Kafka did not acknowledge")
                .register(registry);
        blocked = Counter.builder("gatekeep.outbox.blocked")
                .description("Events set aside as unpublishable")
                .register(registry);
        if (dataSource != null) {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            Gauge.builder("gatekeep.outbox.pending", () -> pending(jdbc))
                    .description("Outbox events waiting to be published")
                    .register(registry);
        }
    }

    private static double pending(JdbcTemplate jdbc) {
        try {
            Long count = jdbc.queryForObject("select count(*) from outbox_event where status = 'PENDING'", Long.class);
            return count == null ? Double.NaN : count;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void published(int count) {
        if (published != null && count > 0) {
            published.increment(count);
        }
    }

    @Override
    public void failed() {
        if (failures != null) {
            failures.increment();
        }
    }

    @Override
    public void blocked() {
        if (blocked != null) {
            blocked.increment();
        }
    }
}
