package io.gatekeep.outbox;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.core.env.Environment;

/**
 * A two-connection pool for the relay of a service without a JDBC DataSource bean (mfa-api runs on R2DBC). Kept out
 * of the application context on purpose, so it cannot change which transaction manager the service's code uses.
 */
final class RelayDataSource {

    private RelayDataSource() {}

    static DataSource fromEnvironment(Environment environment) {
        String url = firstOf(environment, "spring.datasource.url", "spring.flyway.url");
        if (url == null) {
            throw new IllegalStateException("The outbox relay needs spring.datasource.url (or spring.flyway.url), "
                    + "or set gatekeep.outbox.relay.enabled=false");
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("outbox-relay");
        config.setJdbcUrl(url);
        config.setUsername(firstOf(environment, "spring.datasource.username", "spring.flyway.user"));
        config.setPassword(firstOf(environment, "spring.datasource.password", "spring.flyway.password"));
        config.setMaximumPoolSize(2);
        config.setMinimumIdle(1);
        // Lazy: a pool that cannot connect yet must not fail start-up; the relay retries every round.
        config.setInitializationFailTimeout(-1);
        return new HikariDataSource(config);
    }

    private static String firstOf(Environment environment, String... names) {
        for (String name : names) {
            String value = environment.getProperty(name);
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
