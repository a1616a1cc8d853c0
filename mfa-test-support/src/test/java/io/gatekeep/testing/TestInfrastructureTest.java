package io.gatekeep.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

class TestInfrastructureTest {

    @Test
    void migratedDatabaseHasTheOutbox() throws Exception {
        TestDatabase database = TestPostgres.get().newMigratedDatabase();
        try (Connection connection = database.connect();
                ResultSet rows = connection.createStatement().executeQuery("select count(*) from outbox_event")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }

    @Test
    void eachDatabaseIsSeparate() {
        assertThat(TestPostgres.get().newDatabase().name())
                .isNotEqualTo(TestPostgres.get().newDatabase().name());
    }

    @Test
    void kafkaBrokerAnswers() throws Exception {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.get().bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get()).hasSize(1);
        }
    }

    @Test
    void mailServerListensOnSmtpAndImap() {
        assertThat(TestMail.get().smtpPort()).isPositive();
        assertThat(TestMail.get().imapPort()).isPositive();
    }
}
