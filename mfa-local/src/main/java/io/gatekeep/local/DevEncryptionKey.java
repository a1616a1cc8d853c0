package io.gatekeep.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The AES-256 key that encrypts MFA secrets on the local stack. Generated once and kept next to the database it
 * protects, so a restart can still decrypt. It is a development key: never use it anywhere else.
 */
final class DevEncryptionKey {

    private DevEncryptionKey() {}

    /** Returns the Base64 key stored in {@code file}, creating it first if it does not exist. */
    static String loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            String key = Files.readString(file).trim();
            if (Base64.getDecoder().decode(key).length != 32) {
                throw new IllegalStateException(file + " does not hold a Base64 32-byte key; delete it or use --fresh");
            }
            return key;
        }
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        String key = Base64.getEncoder().encodeToString(bytes);
        Files.createDirectories(file.getParent());
        Files.writeString(file, key + "\n");
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        return key;
    }
}
