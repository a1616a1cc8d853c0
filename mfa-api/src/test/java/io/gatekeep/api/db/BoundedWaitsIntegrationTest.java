package io.gatekeep.api.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatekeep.api.ApiIntegrationTest;
import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Every request connection carries the session limits that turn a leaked transaction or a lock wait into an error. */
class BoundedWaitsIntegrationTest extends ApiIntegrationTest {

    @Test
    void everyConnectionEndsLongLockWaitsAndAbandonedTransactions() {
        List<String> settings = Mono.usingWhen(
                        Mono.from(connectionFactory.create()),
                        connection -> Flux.concat(
                                        show(connection, "lock_timeout"),
                                        show(connection, "idle_in_transaction_session_timeout"))
                                .collectList(),
                        Connection::close)
                .block(Duration.ofSeconds(10));

        assertThat(settings).containsExactly("10s", "15s");
    }

    private static Mono<String> show(Connection connection, String setting) {
        return Flux.from(connection.createStatement("show " + setting).execute())
                .flatMap(result -> result.map((row, metadata) -> row.get(0, String.class)))
                .single();
    }
}
