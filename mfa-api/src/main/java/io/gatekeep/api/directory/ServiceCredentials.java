package io.gatekeep.api.directory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.Optional;

/** Checks a presented service token against the configured ones, in constant time, and names the service. */
final class ServiceCredentials {

    private static final int MIN_TOKEN_LENGTH = 24;

    private final Map<String, byte[]> digestsByService;

    ServiceCredentials(Map<String, String> tokensByService) {
        this.digestsByService = tokensByService.entrySet().stream()
                .filter(entry -> entry.getValue() != null && entry.getValue().length() >= MIN_TOKEN_LENGTH)
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey, entry -> sha256(entry.getValue())));
    }

    /** The service the token belongs to; every configured token is compared so timing says nothing. */
    Optional<String> serviceFor(String presentedToken) {
        byte[] presented = sha256(presentedToken);
        String match = null;
        for (Map.Entry<String, byte[]> entry : digestsByService.entrySet()) {
            if (MessageDigest.isEqual(entry.getValue(), presented)) {
                match = entry.getKey();
            }
        }
        return Optional.ofNullable(match);
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the JVM", e);
        }
    }
}
