package io.gatekeep.credentials;

import io.gatekeep.api.mfa.lockout.LockoutPolicy;
import io.gatekeep.api.mfa.lockout.LockoutState;

/**
 * The lockout rule of {@link LockoutState} and {@link LockoutPolicy}, written as SQL over an {@code mfa_lockout} row,
 * for the statements that must decide it inside the database (atomically with the write). Each fragment mirrors one
 * Java predicate; {@code LockoutConditionTest} feeds the same rows to both and asserts they agree. Parameters:
 * {@code :now} and {@code :max}, bound to {@link #maxParameter(LockoutPolicy)}; {@code prefix} qualifies the columns
 * ({@code "l."}, or {@code ""} when the row is the statement's only table).
 */
public final class LockoutCondition {

    private LockoutCondition() {}

    /** The value of {@code :max}: the failures a user may have in a row before the next attempt locks. */
    public static int maxParameter(LockoutPolicy policy) {
        return policy.maxConsecutiveFailures();
    }

    /** {@link LockoutState#isLockedAt} negated: no lock, or one that has ended. */
    static String notLocked(String prefix) {
        return "(" + prefix + "locked_until is null or " + prefix + "locked_until <= :now)";
    }

    /** The attempts are used up: the next one locks ({@link LockoutState#beginAttempt}). */
    static String attemptsUsedUp(String prefix) {
        return prefix + "consecutive_failures >= :max";
    }

    /** {@link LockoutState#permitsAttempt}: not locked and attempts left. */
    static String permitsAttempt(String prefix) {
        return notLocked(prefix) + " and " + prefix + "consecutive_failures < :max";
    }
}
