package io.gatekeep.credentials;

import java.util.Map;

/**
 * An {@code insert ... select ... where} of rows guarded by a {@link Guard}, built by the owner of their table, with
 * its named parameters (prefixed by that owner, so they never clash with the statement's own).
 */
public record GuardedInsert(String sql, Map<String, Object> parameters) {}
