package io.gatekeep.api.sessions;

import io.gatekeep.api.web.RequestUserAgent;
import io.gatekeep.credentials.Guard;
import io.gatekeep.credentials.GuardedInsert;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code auth_session}: creating, resolving and revoking bearer sessions. Writes join the caller's transaction; use
 * {@link SignInService#completeSignIn} to issue a full session together with its {@code SignedIn} event.
 */
@Component
@EnableConfigurationProperties(SessionProperties.class)
public class Sessions {

    /** The columns a {@link PendingSession} fills, in the order of its {@link #INSERT_VALUES}. */
    private static final String INSERT_COLUMNS = """
            auth_session (id, token_hash, user_id, kind, mfa_verified, mfa_verified_at, via_recovery_code,
                          client_ip, created_at, expires_at, last_used_at, user_agent)""";

    private static final String INSERT_VALUES = """
            :sessionId, :sessionTokenHash, :sessionUserId, :sessionKind, :sessionMfaVerified, :sessionMfaVerifiedAt,
            :sessionViaRecoveryCode, :sessionClientIp, :sessionCreatedAt, :sessionExpiresAt, :sessionLastUsedAt,
            :sessionUserAgent""";
    /** A session in use is marked used at most this often: most requests only read their session. */
    static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);

    /** One text per guard (in practice one): built once, not per sign-in. */
    private static final Map<Guard, String> GUARDED_INSERTS = new ConcurrentHashMap<>();

    private static final UUID NO_SESSION = new UUID(0, 0);
    private static final String INSERT = "insert into " + INSERT_COLUMNS + "\nvalues (" + INSERT_VALUES + ")";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;
    private final Duration idleTimeout;

    public Sessions(DatabaseClient db, Clock clock, SessionProperties properties) {
        this.db = db;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.idleTimeout = properties.idleTimeout();
    }

    /** Creates a session of {@code kind} lasting {@code gatekeep.sessions.ttl}. */
    public Mono<IssuedSession> issue(UUID userId, SessionKind kind, boolean mfaVerified, String clientIp) {
        return issue(userId, kind, mfaVerified, clientIp, ttl);
    }

    /** Creates a session with its own lifetime (e.g. a short setup-only session). */
    public Mono<IssuedSession> issue(
            UUID userId, SessionKind kind, boolean mfaVerified, String clientIp, Duration lifetime) {
        return insert(userId, kind, mfaVerified, null, false, clientIp, lifetime);
    }

    /**
     * Issues a full session whose sign-in passed MFA, with the marks the step-up rule reads ({@code mfaVerifiedAt},
     * and whether by recovery code) written by the insert itself rather than by a second statement.
     */
    public Mono<IssuedSession> issueMfaVerified(
            UUID userId, Instant mfaVerifiedAt, boolean viaRecoveryCode, String clientIp) {
        return insert(userId, SessionKind.FULL, true, mfaVerifiedAt, viaRecoveryCode, clientIp, ttl);
    }

    /**
     * A full MFA-verified session's row, not stored yet: for a statement that stores it together with the changes it
     * depends on ({@link PendingSession#insertWhere}). The token exists only in memory.
     */
    public PendingSession pendingMfaVerified(UUID userId, Instant mfaVerifiedAt, String clientIp) {
        return pendingMfaVerified(userId, mfaVerifiedAt, clientIp, null);
    }

    /** As {@link #pendingMfaVerified(UUID, Instant, String)}, recording the client's user agent. */
    public PendingSession pendingMfaVerified(UUID userId, Instant mfaVerifiedAt, String clientIp, String userAgent) {
        return pending(userId, SessionKind.FULL, true, mfaVerifiedAt, false, clientIp, userAgent, ttl);
    }

    /** An MFA challenge's row (good only for the MFA step, for {@code lifetime}), not stored yet. */
    public PendingSession pendingChallenge(UUID userId, String clientIp, String userAgent, Duration lifetime) {
        return pending(userId, SessionKind.MFA_CHALLENGE, false, null, false, clientIp, userAgent, lifetime);
    }

    /** A session row about to be inserted; {@link #parameters()} names its values as in {@link #INSERT_VALUES}. */
    public record PendingSession(IssuedSession issued, Map<String, Object> parameters) {

        /** This row as an insert guarded by {@code guard}, for the statement that defines the guard to carry. */
        public GuardedInsert insertWhere(Guard guard) {
            String sql = GUARDED_INSERTS.computeIfAbsent(
                    guard, g -> "insert into " + INSERT_COLUMNS + "\nselect " + INSERT_VALUES + " where " + g.sql());
            return new GuardedInsert(sql, parameters);
        }

        @Override
        public String toString() {
            return "PendingSession[" + issued + "]";
        }
    }

    private PendingSession pending(
            UUID userId,
            SessionKind kind,
            boolean mfaVerified,
            Instant mfaVerifiedAt,
            boolean viaRecoveryCode,
            String clientIp,
            String userAgent,
            Duration lifetime) {
        UUID id = UUID.randomUUID();
        String token = SessionTokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        Map<String, Object> parameters = new HashMap<>(24);
        parameters.put("sessionId", id);
        parameters.put("sessionTokenHash", SessionTokens.sha256(token));
        parameters.put("sessionUserId", userId);
        parameters.put("sessionKind", kind.name());
        parameters.put("sessionMfaVerified", mfaVerified);
        parameters.put("sessionMfaVerifiedAt", mfaVerifiedAt == null ? Parameters.in(Instant.class) : mfaVerifiedAt);
        parameters.put("sessionViaRecoveryCode", viaRecoveryCode);
        parameters.put("sessionClientIp", clientIp == null ? Parameters.in(String.class) : clientIp);
        parameters.put("sessionCreatedAt", now);
        parameters.put("sessionExpiresAt", expiresAt);
        parameters.put("sessionLastUsedAt", now);
        parameters.put("sessionUserAgent", userAgent == null ? Parameters.in(String.class) : userAgent);
        return new PendingSession(new IssuedSession(id, userId, token, expiresAt), parameters);
    }

    private Mono<IssuedSession> insert(
            UUID userId,
            SessionKind kind,
            boolean mfaVerified,
            Instant mfaVerifiedAt,
            boolean viaRecoveryCode,
            String clientIp,
            Duration lifetime) {
        return Mono.deferContextual(context -> {
            PendingSession session = pending(
                    userId,
                    kind,
                    mfaVerified,
                    mfaVerifiedAt,
                    viaRecoveryCode,
                    clientIp,
                    RequestUserAgent.of(context),
                    lifetime);
            return db.sql(INSERT)
                    .bindValues(session.parameters())
                    .fetch()
                    .rowsUpdated()
                    .thenReturn(session.issued());
        });
    }

    /**
     * The live session a bearer token stands for (not revoked, within its TTL, and used within the idle timeout), or
     * empty. The same statement marks it used when its mark is older than a minute: one round trip either way, and
     * a write only once a minute per session in use.
     */
    public Mono<CurrentSession> resolve(String token) {
        Instant now = clock.instant();
        return db.sql("""
                        with live as (
                            select id, user_id, kind, mfa_verified, created_at, expires_at,
                                   coalesce(last_used_at, created_at) as used_at
                            from auth_session
                            where token_hash = :tokenHash and revoked_at is null and expires_at > :now
                        ), touched as (
                            update auth_session s set last_used_at = :now
                            from live
                            where s.id = live.id and live.used_at > :idleSince and live.used_at <= :touchBefore
                        )
                        select id, user_id, kind, mfa_verified, created_at, expires_at from live
                        where used_at > :idleSince""")
                .bind("tokenHash", SessionTokens.sha256(token))
                .bind("now", now)
                .bind("idleSince", now.minus(idleTimeout))
                .bind("touchBefore", now.minus(TOUCH_INTERVAL))
                .map(Sessions::read)
                .one();
    }

    /**
     * Whether {@code token} stands for a session of {@code kind} that ran out of time (not revoked): lets a setup
     * token that outlived its setup session be told so, instead of a bare "unauthenticated".
     */
    public Mono<Boolean> isExpired(String token, SessionKind kind) {
        return db.sql("""
                        select exists (select 1 from auth_session
                                       where token_hash = :tokenHash and kind = :kind and revoked_at is null
                                         and expires_at <= :now)
                        """)
                .bind("tokenHash", SessionTokens.sha256(token))
                .bind("kind", kind.name())
                .bind("now", clock.instant())
                .map(row -> Boolean.TRUE.equals(row.get(0, Boolean.class)))
                .one();
    }

    /** Revokes one session; answers whether it was still live. */
    public Mono<Boolean> revoke(UUID sessionId) {
        return db.sql("update auth_session set revoked_at = :now where id = :id and revoked_at is null")
                .bind("now", clock.instant())
                .bind("id", sessionId)
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Revokes every live session of a user; answers how many. */
    public Mono<Long> revokeAll(UUID userId) {
        return db.sql("update auth_session set revoked_at = :now where user_id = :userId and revoked_at is null")
                .bind("now", clock.instant())
                .bind("userId", userId)
                .fetch()
                .rowsUpdated();
    }

    /**
     * Revokes every live session of a user except {@code exceptSessionIdOrNull} (null: all of them), challenges and
     * setup tokens included; answers how many. Joins the caller's transaction; {@link SessionRevocations#endAll}
     * records the event with it.
     *
     * <p>A sign-in challenge that another transaction is redeeming at this very moment is locked by it, and that
     * transaction may be waiting for a lock this one holds (the MFA lockout row, when this runs after a recovery
     * code): such challenges are skipped instead of waited for, which cannot deadlock. Skipping one is harmless: a
     * redemption that fails releases it as it was, and one that succeeds must still pass the credential this
     * transaction holds or changed. Signed-in sessions are always waited for: none is left behind.
     */
    public Mono<Long> revokeAll(UUID userId, UUID exceptSessionIdOrNull) {
        return db.sql("""
                        with challenges as (
                            update auth_session set revoked_at = :now
                            where id in (select id from auth_session
                                         where user_id = :userId and revoked_at is null and id <> :kept
                                           and kind = 'MFA_CHALLENGE'
                                         for update skip locked)
                            returning id
                        ), sessions as (
                            update auth_session set revoked_at = :now
                            where user_id = :userId and revoked_at is null and id <> :kept
                              and kind <> 'MFA_CHALLENGE'
                            returning id
                        )
                        select (select count(*) from challenges) + (select count(*) from sessions)""")
                .bind("now", clock.instant())
                .bind("userId", userId)
                .bind("kept", exceptSessionIdOrNull == null ? NO_SESSION : exceptSessionIdOrNull)
                .map(row -> row.get(0, Long.class))
                .one();
    }

    /** Revokes one live session of {@code userId}; false when it is not theirs, or already over. */
    public Mono<Boolean> revokeOwn(UUID userId, UUID sessionId) {
        Instant now = clock.instant();
        return db.sql("""
                        update auth_session set revoked_at = :now
                        where id = :id and user_id = :userId and kind = 'FULL' and revoked_at is null
                          and expires_at > :now and coalesce(last_used_at, created_at) > :idleSince""")
                .bind("now", now)
                .bind("id", sessionId)
                .bind("userId", userId)
                .bind("idleSince", now.minus(idleTimeout))
                .fetch()
                .rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** The live full sessions of a user, most recently used first. */
    public Flux<SessionView> list(UUID userId) {
        Instant now = clock.instant();
        return db.sql("""
                        select id, created_at, coalesce(last_used_at, created_at) as last_used_at, expires_at,
                               client_ip, user_agent, mfa_verified, mfa_verified_at
                        from auth_session
                        where user_id = :userId and kind = 'FULL' and revoked_at is null and expires_at > :now
                          and coalesce(last_used_at, created_at) > :idleSince
                        order by 3 desc, id""")
                .bind("userId", userId)
                .bind("now", now)
                .bind("idleSince", now.minus(idleTimeout))
                .map(row -> new SessionView(
                        row.get("id", UUID.class),
                        row.get("created_at", Instant.class),
                        row.get("last_used_at", Instant.class),
                        row.get("expires_at", Instant.class),
                        row.get("client_ip", String.class),
                        row.get("user_agent", String.class),
                        Boolean.TRUE.equals(row.get("mfa_verified", Boolean.class)),
                        row.get("mfa_verified_at", Instant.class)))
                .all();
    }

    /** A live session as its owner sees it in the session list. */
    public record SessionView(
            UUID id,
            Instant createdAt,
            Instant lastUsedAt,
            Instant expiresAt,
            String clientIp,
            String userAgent,
            boolean mfaVerified,
            Instant mfaVerifiedAt) {}

    private static CurrentSession read(Readable row) {
        return new CurrentSession(
                row.get("id", UUID.class),
                row.get("user_id", UUID.class),
                SessionKind.valueOf(row.get("kind", String.class)),
                Boolean.TRUE.equals(row.get("mfa_verified", Boolean.class)),
                row.get("created_at", Instant.class),
                row.get("expires_at", Instant.class));
    }
}
