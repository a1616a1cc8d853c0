package io.gatekeep.credentials;

/**
 * One SQL statement with named parameters ({@code :user}, {@code :now} …), as both Spring's R2DBC
 * {@code DatabaseClient} and its {@code NamedParameterJdbcTemplate} take them. A record rather than a string constant:
 * the compiler would copy a constant into every caller, and then no architecture test could tell who runs it.
 *
 * @param name the transition it makes, for logs and for readers ({@code credential.consume-step})
 */
public record Statement(String name, String sql) {

    @Override
    public String toString() {
        return name;
    }
}
