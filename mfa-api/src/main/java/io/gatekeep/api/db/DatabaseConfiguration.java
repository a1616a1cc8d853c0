package io.gatekeep.api.db;

import com.zaxxer.hikari.HikariDataSource;
import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;
import io.r2dbc.spi.ConnectionFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceProperties;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Both transaction managers are declared here because Boot backs off from each when the other exists, and because
 * Boot creates no JDBC {@link DataSource} once an R2DBC connection factory is present. Request code uses
 * {@link TransactionalOperator} (reactive); the JDBC side serves Flyway and the outbox relay only.
 */
@Configuration(proxyBeanMethods = false)
class DatabaseConfiguration {

    @Bean
    @ConfigurationProperties("spring.datasource")
    DataSourceProperties dataSourceProperties() {
        return new DataSourceProperties();
    }

    @Bean
    @Primary
    @ConfigurationProperties("spring.datasource.hikari")
    HikariDataSource dataSource(DataSourceProperties properties) {
        HikariDataSource dataSource = properties
                .initializeDataSourceBuilder()
                .type(HikariDataSource.class)
                .build();
        dataSource.setPoolName("gatekeep-jdbc");
        return dataSource;
    }

    /**
     * Request transactions last milliseconds. A transaction left open by a bug, or a statement stuck behind its locks,
     * would otherwise make later requests wait without end (there is no deadline on a reactive request); with these
     * session limits PostgreSQL ends such a transaction and fails such a wait with an error that says what happened.
     */
    @Bean
    ConnectionFactoryOptionsBuilderCustomizer boundedWaitsOnEveryConnection() {
        return builder -> builder.option(
                PostgresqlConnectionFactoryProvider.OPTIONS,
                Map.of("lock_timeout", "10s", "idle_in_transaction_session_timeout", "15s"));
    }

    @Bean
    PlatformTransactionManager transactionManager(DataSource dataSource) {
        return new DataSourceTransactionManager(dataSource);
    }

    @Bean
    ReactiveTransactionManager reactiveTransactionManager(ConnectionFactory connectionFactory) {
        return new R2dbcTransactionManager(connectionFactory);
    }

    @Bean
    TransactionalOperator transactionalOperator(ReactiveTransactionManager reactiveTransactionManager) {
        return TransactionalOperator.create(reactiveTransactionManager);
    }
}
