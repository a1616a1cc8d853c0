package io.gatekeep.api.mfa.totp;

import java.security.SecureRandom;

/**
 * Creates fresh 160-bit secrets from a {@link SecureRandom}. We draw the bytes ourselves rather than through
 * googleauth's {@code createCredentials()}, which cannot be given a random source and also derives scratch codes we
 * do not use.
 */
public final class TotpSecretGenerator {

    private final SecureRandom random;

    public TotpSecretGenerator(SecureRandom random) {
        this.random = random;
    }

    public TotpSecretGenerator() {
        this(new SecureRandom());
    }

    public TotpSecret generate() {
        byte[] bytes = new byte[TotpSecret.LENGTH_BYTES];
        random.nextBytes(bytes);
        return TotpSecret.of(bytes);
    }
}
