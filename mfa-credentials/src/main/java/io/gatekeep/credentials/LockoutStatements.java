package io.gatekeep.credentials;

import static io.gatekeep.credentials.LockoutCondition.attemptsUsedUp;
import static io.gatekeep.credentials.LockoutCondition.notLocked;
import static io.gatekeep.credentials.LockoutCondition.permitsAttempt;

/**
 * The {@code mfa_lockout} row's transitions, the atomic form of {@link io.gatekeep.api.mfa.lockout.LockoutState}: an
 * attempt is counted before its code is checked, a success resets the count, and the last allowed failure starts the
 * lock ({@link io.gatekeep.api.mfa.lockout.LockoutPolicy} says how long). Every condition on the lock comes from
 * {@link LockoutCondition}.
 */
public final class LockoutStatements {

    private LockoutStatements() {}

    static final String STATE_COLUMNS = "consecutive_failures, lockout_count, locked_until, last_lockout_at";

    /** The user's failures and lock. Parameter {@code :user}; no row is the initial state. */
    public static final Statement FIND =
            new Statement("lockout.find", "select " + STATE_COLUMNS + "\nfrom mfa_lockout where user_id = :user");

    /**
     * Counts an attempt unless locked or used up, returning its number (no row: not counted, decide in Java and maybe
     * {@link #START_LOCK}). Parameters {@code :user}, {@code :now}, {@code :max}.
     */
    public static final Statement COUNT_ATTEMPT =
            new Statement("lockout.count-attempt", """
            insert into mfa_lockout as l (user_id, consecutive_failures, updated_at)
            values (:user, 1, :now)
            on conflict (user_id) do update
                set consecutive_failures = l.consecutive_failures + 1, updated_at = :now
                where %s
            returning consecutive_failures""".formatted(permitsAttempt("l.")));

    /** A success resets the failures, unless a lock started meanwhile. Parameters {@code :user}, {@code :now}. */
    public static final Statement RESET_FAILURES =
            new Statement("lockout.reset-failures", """
            update mfa_lockout set consecutive_failures = 0, updated_at = :now
            where user_id = :user and consecutive_failures > 0
              and %s""".formatted(notLocked("")));

    /**
     * Starts the lock computed in Java, a compare-and-set on the state it was computed from, so two instances never
     * both start (and announce) the same lock. Parameters {@code :user}, {@code :count}, {@code :until}, {@code :now},
     * {@code :max}, {@code :previousCount}; one row updated when this call won.
     */
    public static final Statement START_LOCK =
            new Statement("lockout.start-lock", """
            update mfa_lockout
            set consecutive_failures = 0, lockout_count = :count, locked_until = :until,
                last_lockout_at = :now, updated_at = :now
            where user_id = :user and %s and lockout_count = :previousCount
              and %s""".formatted(attemptsUsedUp(""), notLocked("")));
}
