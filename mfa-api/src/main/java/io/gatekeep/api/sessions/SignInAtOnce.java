package io.gatekeep.api.sessions;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.credentials.CarriedWrite;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * What a one-request sign-in tries the moment the password matched, before any challenge is made: completing the
 * sign-in at once with the factor it carries.
 */
@FunctionalInterface
public interface SignInAtOnce {

    /**
     * Takes the attempt's rate-limit hits back by running {@code refund} (a right password never counts), whatever
     * it answers; then completes the sign-in if it can. Empty when it could not (nothing else written): the password
     * sign-in goes on as usual, without refunding again.
     */
    Mono<Optional<SignInOutcome.Authenticated>> attempt(UserAccount user, CarriedWrite refund);
}
