package io.gatekeep.api.sessions;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.Readable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * {@code auth_session}: creating, resolving and revoking bearer sessions. Writes join the caller's transaction; use
 * {@link SignInService#completeSignIn} to issue a full session together with its {@code SignedIn} event.
 */
@Component
@EnableConfigurationProperties(SessionProperties.class)
public class Sessions {

    /** The columns a {@link PendingSession} fills, in the order of its {@link #INSERT_VALUES}. */
    public static final String INSERT_COLUMNS = """
            auth_session (id, token_hash, user_id, kind, mfa_verified, mfa_verified_at, via_recovery_code,
                          client_ip, created_at, expires_at)""";
    public static final String INSERT_VALUES = """
            :sessionId, :sessionTokenHash, :sessionUserId, :sessionKind, :sessionMfaVerified, :sessionMfaVerifiedAt,
            :sessionViaRecoveryCode, :sessionClientIp, :sessionCreatedAt, :sessionExpiresAt""";
    private static final String INSERT = "insert into " + INSERT_COLUMNS + "\nvalues (" + INSERT_VALUES + ")";

    private final DatabaseClient db;
    private final Clock clock;
    private final Duration ttl;

    public Sessions(DatabaseClient db, Clock clock, SessionProperties properties) {
        this.db = db;
        this.clock = clock;
        this.ttl = properties.ttl();
    }

    /** Creates a session of {@code kind} lasting {@code gatekeep.sessions.ttl}. */
    public Mono<IssuedSession> issue(UUID userId, SessionKind kind, boolean mfaVerified, String clientIp) {
        return issue(userId, kind, mfaVerified, clientIp, ttl);
    }

    /** Creates a session with its own lifetime (e.g. a short setup-only session). */
    public Mono<IssuedSession> issue(UUID userId, SessionKind kind, boolean mfaVerified, String clientIp,
                                     Duration lifetime) {
        return insert(userId, kind, mfaVerified, null, false, clientIp, lifetime);
    }

    /**
     * Issues a full session whose sign-in passed MFA, with the marks the step-up rule reads ({@code mfaVerifiedAt},
     * and whether by recovery code) written by the insert itself rather than by a second statement.
     */
    public Mono<IssuedSession> issueMfaVerified(UUID userId, Instant mfaVerifiedAt, boolean viaRecoveryCode,
                                                String clientIp) {
        return insert(userId, SessionKind.FULL, true, mfaVerifiedAt, viaRecoveryCode, clientIp, ttl);
    }

    /**
     * A full MFA-verified session's row, not stored yet: for a statement that stores it together with the changes it
     * depends on ({@link #INSERT_COLUMNS}, {@link PendingSession#parameters()}). The token exists only in memory.
     */
    public PendingSession pendingMfaVerified(UUID userId, Instant mfaVerifiedAt, String clientIp) {
        return pending(userId, SessionKind.FULL, true, mfaVerifiedAt, false, clientIp, ttl);
    }

    /** A session row about to be inserted; {@link #parameters()} names its values as in {@link #INSERT_VALUES}. */
    public record PendingSession(IssuedSession issued, Map<String, Object> parameters) {

        @Override
        public String toString() {
            return "PendingSession[" + issued + "]";
        }
    }

    private PendingSession pending(UUID userId, SessionKind kind, boolean mfaVerified, Instant mfaVerifiedAt,
                                   boolean viaRecoveryCode, String clientIp, Duration lifetime) {
        UUID id = UUID.randomUUID();
        String token = SessionTokens.newToken();
        Instant now = clock.instant();
        Instant expiresAt = now.plus(lifetime);
        Map<String, Object> parameters = new HashMap<>(16);
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
        return new PendingSession(new IssuedSession(id, userId, token, expiresAt), parameters);
    }

    private Mono<IssuedSession> insert(UUID userId, SessionKind kind, boolean mfaVerified,
                                       Instant mfaVerifiedAt, boolean viaRecoveryCode, String clientIp,
                                       Duration lifetime) {
        PendingSession session = pending(userId, kind, mfaVerified, mfaVerifiedAt, viaRecoveryCode, clientIp,
                lifetime);
        return db.sql(INSERT)
                .bindValues(session.parameters())
                .fetch().rowsUpdated().thenReturn(session.issued());
    }

    /** The live (not expired, not revoked) session a bearer token stands for, or empty. */
    public Mono<CurrentSession> resolve(String token) {
        return db.sql("""
                        select id, user_id, kind, mfa_verified, created_at, expires_at from auth_session
                        where token_hash = :tokenHash and revoked_at is null and expires_at > :now
                        """)
                .bind("tokenHash", SessionTokens.sha256(token))
                .bind("now", clock.instant())
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
                .fetch().rowsUpdated()
                .map(rows -> rows > 0);
    }

    /** Revokes every live session of a user; answers how many. */
    public Mono<Long> revokeAll(UUID userId) {
        return db.sql("update auth_session set revoked_at = :now where user_id = :userId and revoked_at is null")
                .bind("now", clock.instant())
                .bind("userId", userId)
                .fetch().rowsUpdated();
    }

    private static CurrentSession read(Readable row) {
        return new CurrentSession(row.get("id", UUID.class), row.get("user_id", UUID.class),
                SessionKind.valueOf(row.get("kind", String.class)), Boolean.TRUE.equals(row.get("mfa_verified",
                Boolean.class)), row.get("created_at", Instant.class), row.get("expires_at", Instant.class));
    }

    /**
     * Revokes every live session of a user except {@code exceptSessionIdOrNull} (null: all of them); answers how many.
     */
    public Mono<Long> revokeAll(UUID userId, UUID exceptSessionIdOrNull) {
        if (exceptSessionIdOrNull == null) {
            return revokeAll(userId);
        }
        return db.sql("""
                        update auth_session set revoked_at = :now
                        where user_id = :userId and revoked_at is null and id <> :exceptId
                        """)
                .bind("now", clock.instant())
                .bind("userId", userId)
                .bind("exceptId", exceptSessionIdOrNull)
                .fetch().rowsUpdated();
    }
}
