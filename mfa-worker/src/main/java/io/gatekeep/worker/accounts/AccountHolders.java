package io.gatekeep.worker.accounts;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Reads the address and name an account email goes to: always the account's own, never one from an event. */
@Component
class AccountHolders {

    record Holder(String email, String displayName) {}

    private final JdbcTemplate jdbc;

    AccountHolders(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Holder> find(UUID userId) {
        List<Holder> found = jdbc.query(
                "select email, display_name from app_user where id = ?",
                (row, index) -> new Holder(row.getString(1), row.getString(2)),
                userId);
        return found.stream().findFirst();
    }
}
