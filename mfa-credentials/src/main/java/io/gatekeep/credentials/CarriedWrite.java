package io.gatekeep.credentials;

import java.util.Map;

/**
 * A write of another owner's table that a statement carries unconditionally, so that it costs no round trip of its
 * own (for example a sign-in's rate-limit refund), built by that owner with its named parameters (prefixed by the
 * owner, so they never clash with the statement's own). The SQL is a data-modifying statement usable as a
 * {@code with} query.
 */
public record CarriedWrite(String sql, Map<String, Object> parameters) {}
