package io.gatekeep.api.accounts.model;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A person's account. {@code passwordHash} is null while the user is invited. */
public record UserAccount(
        UUID id, String email, String displayName, String passwordHash, UserStatus status, Instant createdAt) {

    public UserAccount {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(email, "email");
        Objects.requireNonNull(status, "status");
    }

    /** Whether a password sign-in may succeed at all (the password still has to match). */
    public boolean canSignInWithPassword() {
        return status == UserStatus.ACTIVE && passwordHash != null;
    }

    @Override
    public String toString() {
        // never print the hash
        return "UserAccount[id=" + id + ", status=" + status + "]";
    }
}
