package io.gatekeep.credentials;

/**
 * The condition under which a statement inserts rows for its caller (a session, events), so that they are written
 * exactly when its own change is. Only the statement that defines the condition creates one (for example
 * {@link SignInStatements#WHEN_COMPLETED}); the owners of the rows' tables build their inserts on it
 * ({@link GuardedInsert}), so no SQL string crosses from one package to another.
 */
public record Guard(String sql) {}
