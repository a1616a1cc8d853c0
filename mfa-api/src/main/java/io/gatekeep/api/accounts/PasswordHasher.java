package io.gatekeep.api.accounts;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * bcrypt password hashing, always off the event loop. bcrypt reads at most 72 bytes, and Spring Security refuses
 * longer input, so the password is first condensed with HMAC-SHA-256 under a fixed domain-separation key
 * ("gatekeep/password/v1", not a secret) and base64-encoded: 128-character passwords keep their full strength.
 * Anything that writes {@code app_user.password_hash} must use this class.
 * <p>
 * The cost ({@code gatekeep.passwords.bcrypt-strength}) has a floor of {@value #MIN_STRENGTH}: below it the service
 * refuses to start unless {@code gatekeep.passwords.allow-weak-hashing=true}, which only tests and benchmarks set.
 * Hashes made at a lower cost than configured are upgraded at the account's next successful sign-in
 * ({@link #needsUpgrade}).
 */
@Component
public class PasswordHasher {

    /** The lowest bcrypt cost allowed outside tests and benchmarks. */
    public static final int MIN_STRENGTH = 10;

    private static final byte[] DOMAIN_KEY = "gatekeep/password/v1".getBytes(StandardCharsets.UTF_8);

    private final BCryptPasswordEncoder bcrypt;
    private final Scheduler scheduler = Schedulers.boundedElastic();
    // Compared against when the account does not exist (or has no password), so the answer takes as long.
    private final String dummyHash;

    PasswordHasher(
            @Value("${gatekeep.passwords.bcrypt-strength:10}") int strength,
            @Value("${gatekeep.passwords.allow-weak-hashing:false}") boolean allowWeakHashing) {
        if (strength < MIN_STRENGTH && !allowWeakHashing) {
            throw new IllegalStateException("gatekeep.passwords.bcrypt-strength is " + strength
                    + ", below the floor of " + MIN_STRENGTH
                    + "; only tests and benchmarks may set gatekeep.passwords.allow-weak-hashing=true");
        }
        this.bcrypt = new BCryptPasswordEncoder(strength);
        this.dummyHash = bcrypt.encode(condense("gatekeep-dummy-password-for-timing"));
    }

    /** Hashes synchronously: for seeding tools and tests, never on a request thread. */
    public String hashBlocking(String password) {
        return bcrypt.encode(condense(password));
    }

    public Mono<String> hash(String password) {
        return Mono.fromCallable(() -> hashBlocking(password)).subscribeOn(scheduler);
    }

    /**
     * Whether {@code password} matches {@code hash}. A null hash is checked against a dummy hash and answers false,
     * taking the same time as a real check.
     */
    public Mono<Boolean> matches(String password, String hash) {
        return Mono.fromCallable(() -> {
                    boolean matched = bcrypt.matches(condense(password), hash == null ? dummyHash : hash);
                    return matched && hash != null;
                })
                .subscribeOn(scheduler);
    }

    /** Whether {@code hash} is a bcrypt hash made at a lower cost than configured, so it should be redone. */
    public boolean needsUpgrade(String hash) {
        try {
            return hash != null && bcrypt.upgradeEncoding(hash);
        } catch (IllegalArgumentException notBcrypt) {
            // its message would quote the hash: never rethrow or log it
            return false;
        }
    }

    private static String condense(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(DOMAIN_KEY, "HmacSHA256"));
            byte[] digest = mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
