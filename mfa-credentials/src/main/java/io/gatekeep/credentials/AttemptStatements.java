package io.gatekeep.credentials;

/**
 * A TOTP check's statements folded in pairs, because every sign-in and step-up runs them: counting the attempt also
 * reads the active credential, and consuming the step also resets the failures. Each half is the very statement of
 * {@link LockoutStatements} or {@link CredentialStatements}, so the attempt is counted before the code is checked and
 * the step consumed atomically exactly as there; folding only saves round trips.
 */
public final class AttemptStatements {

    private AttemptStatements() {}

    /**
     * {@link LockoutStatements#COUNT_ATTEMPT} and the active credential's columns (prefixed by nothing, null when there
     * is none) beside {@code consecutive_failures}. No row: not counted. Parameters {@code :user}, {@code :now},
     * {@code :max}.
     */
    public static final Statement COUNT_AND_READ = new Statement(
            "attempt.count-and-read",
            "with attempt as (" + LockoutStatements.COUNT_ATTEMPT.sql() + ")\n"
                    + "select a.consecutive_failures, c."
                    + CredentialStatements.ACTIVE_COLUMNS.replace(", ", ", c.")
                    + "\nfrom attempt a left join mfa_credential c on c.user_id = :user and c.revoked_at is null");

    /**
     * {@link CredentialStatements#CONSUME_STEP} and, only if it won, {@link LockoutStatements#RESET_FAILURES}
     * (data-modifying CTEs all run; the reset sees the count this transaction's attempt added). One row: the count
     * of steps consumed, 1 or 0. Parameters {@code :id}, {@code :step}, {@code :now}, {@code :user}.
     */
    public static final Statement CONSUME_AND_RESET = new Statement(
            "attempt.consume-and-reset",
            "with step as (" + CredentialStatements.CONSUME_STEP.sql() + " returning id),\n"
                    + "reset as (" + LockoutStatements.RESET_FAILURES.sql() + " and exists (select 1 from step))\n"
                    + "select count(*) from step");
}
