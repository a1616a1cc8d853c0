package io.gatekeep.desk.agents;

import java.time.Duration;
import java.time.Instant;

/** What an agent's sign-in attempt leads to; the web layer maps each refusal to its problem code. */
sealed interface SignInResult {

    record SignedIn(String token, Instant expiresAt) implements SignInResult {}

    /** Wrong user name, password or TOTP code, or none given: one answer for all ({@code invalid_credentials}). */
    record InvalidCredentials() implements SignInResult {}

    /** Too many attempts in the window ({@code rate_limited}, {@code Retry-After}). */
    record RateLimited(Duration retryAfter) implements SignInResult {}

    /** Too many failures in a row locked the agent ({@code locked_out}, {@code Retry-After}). */
    record LockedOut(Instant until) implements SignInResult {}
}
