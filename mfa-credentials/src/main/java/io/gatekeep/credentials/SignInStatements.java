package io.gatekeep.credentials;

import static io.gatekeep.credentials.ChallengeStatements.live;
import static io.gatekeep.credentials.LockoutCondition.permitsAttempt;

/**
 * A TOTP sign-in's common case (a live challenge, a fresh valid code, no lock) in two statements, each atomic on its
 * own: {@link #LOOK_UP} reads the challenge, the credential and the lockout state; the caller checks the code;
 * {@link #complete} checks all of it again under row locks and only if it all still holds consumes the step, revokes
 * the challenge, resets the failures and inserts the caller's rows (the new session and its events), each guarded by
 * {@link #WHEN_COMPLETED}. The conditions are those of {@link ChallengeStatements}, {@link LockoutCondition} and
 * {@link CredentialStatements}.
 */
public final class SignInStatements {

    private SignInStatements() {}

    /**
     * The challenge whose token hashes to {@code :hash} if live, its user's active credential columns (null when none)
     * and lockout columns (null when no row). Parameters {@code :hash}, {@code :now}.
     */
    public static final Statement LOOK_UP = new Statement(
            "sign-in.look-up",
            "select s.id as challenge_id, s.user_id as challenge_user_id, c."
                    + CredentialStatements.ACTIVE_COLUMNS.replace(", ", ", c.") + ",\n" + """
                           l.consecutive_failures, l.lockout_count, l.locked_until, l.last_lockout_at
                    from auth_session s
                    left join mfa_credential c on c.user_id = s.user_id and c.revoked_at is null
                    left join mfa_lockout l on l.user_id = s.user_id
                    where s.token_hash = :hash and %s""".formatted(live("s.")));

    /** The condition the rows given to {@link #complete} must be inserted under: the step was consumed. */
    public static final Guard WHEN_COMPLETED = new Guard("exists (select 1 from consumed)");

    /*
     * Row locks in the order the full path takes them (challenge, lockout, credential), so the two never deadlock.
     * The locking reads see the newest committed rows (READ COMMITTED re-checks a row changed meanwhile), so a
     * challenge used, a lock started or a step consumed by a concurrent request anywhere stops this one: then nothing
     * at all is written, as every write below waits on "consumed". The one-request form has no challenge (the
     * password was checked in the same request) and takes the same locks without the first.
     */
    private static final String CHALLENGE = """
            challenge as materialized (
                select id from auth_session
                where id = :challenge and %s
                for update),
            """;

    private static final String CONSUME = """
            lockout as materialized (
                select consecutive_failures, locked_until from mfa_lockout where user_id = :user for update),
            consumed as (
                update mfa_credential set last_used_step = :step, last_used_at = :now
                where id = :credential and user_id = :user and revoked_at is null
                  and %1$s
                  and not exists (select 1 from lockout where not (%2$s))%3$s
                returning id),
            """;

    private static final String CLAIM = """
            claimed as (
                update auth_session set revoked_at = :now where id = :challenge and exists (select 1 from consumed)),
            """;

    private static final String RESET_AND_INSERT = """
            reset as (
                update mfa_lockout set consecutive_failures = 0, updated_at = :now
                where user_id = :user and consecutive_failures > 0 and exists (select 1 from consumed)),
            session as (
                %1$s),
            events as (
                %2$s)
            select count(*) from consumed""";

    private static String consume(String furtherCondition) {
        return CONSUME.formatted(CredentialStatements.newerStep(""), permitsAttempt(""), furtherCondition);
    }

    /**
     * The one-request sign-in's read, once the password matched: runs {@code refund} (the password attempt's rate-limit
     * hits, taken back as for any right password) and reads the user's active credential columns (null when none) and
     * lockout columns (null when no row). Parameter {@code :user} and those of {@code refund}.
     */
    public static Statement refundAndLookUp(CarriedWrite refund) {
        return new Statement(
                "sign-in.refund-and-look-up",
                "with refund as (\n" + refund.sql() + ")\nselect c."
                        + CredentialStatements.ACTIVE_COLUMNS.replace(", ", ", c.") + ",\n" + """
                               l.consecutive_failures, l.lockout_count, l.locked_until, l.last_lockout_at
                        from (values (1)) as one (x)
                        left join mfa_credential c on c.user_id = :user and c.revoked_at is null
                        left join mfa_lockout l on l.user_id = :user""");
    }

    /** The condition a challenge given to {@link #refundAndChallenge} is inserted under: the user has MFA on. */
    public static final Guard WHEN_MFA_ACTIVE =
            new Guard("exists (select 1 from mfa_credential where user_id = :user and revoked_at is null)");

    /**
     * The two-step sign-in's first step once the password matched, in one statement that must run on its own
     * (outside any transaction): runs {@code refund} (the password attempt's rate-limit hits, taken back as for any
     * right password) and inserts {@code challenge}, guarded by {@link #WHEN_MFA_ACTIVE}. One row: {@code issued} is
     * 1 when the user has MFA and the challenge was inserted, 0 when nothing but the refund was written. It commits
     * without waiting for the disk: a crash right after it can lose only the challenge (the user signs in again) and
     * the refund (one more hit counted, never fewer), never grant anything. Parameter {@code :user} and those of the
     * two writes.
     */
    public static Statement refundAndChallenge(CarriedWrite refund, GuardedInsert challenge) {
        return new Statement(
                "sign-in.refund-and-challenge",
                "with refund as (\n" + refund.sql() + "),\nchallenge as (\n" + challenge.sql() + "\nreturning id)\n"
                        + "select count(*) as issued, set_config('synchronous_commit', 'off', true) as commit_mode\n"
                        + "from challenge");
    }

    /**
     * {@link #complete} for a sign-in that sent password and code in one request: the same conditions and writes
     * but no challenge (the caller checked the password just before). Parameters {@code :user}, {@code :credential},
     * {@code :step}, {@code :now}, {@code :max} and those of the two inserts.
     */
    public static Statement completeAtOnce(GuardedInsert session, GuardedInsert events) {
        return new Statement(
                "sign-in.complete-at-once",
                "with " + consume("") + RESET_AND_INSERT.formatted(session.sql(), events.sql()));
    }

    /**
     * The completing statement, carrying the inserts of the new session and of its events (each guarded by
     * {@link #WHEN_COMPLETED}). One row: 1 when the sign-in completed, 0 when nothing was written. Parameters
     * {@code :challenge}, {@code :user}, {@code :credential}, {@code :step}, {@code :now}, {@code :max} and those of
     * the two inserts. Build it once per shape of insert, not per sign-in.
     */
    public static Statement complete(GuardedInsert session, GuardedInsert events) {
        return new Statement(
                "sign-in.complete",
                "with " + CHALLENGE.formatted(live(""))
                        + consume("\n      and exists (select 1 from challenge)")
                        + CLAIM
                        + RESET_AND_INSERT.formatted(session.sql(), events.sql()));
    }
}
