package io.gatekeep.api.sessions;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.credentials.CarriedWrite;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * What a two-step sign-in tries the moment the password matched, before its transaction: the MFA challenge of a user
 * who has MFA, handed out by one statement that also takes the attempt's rate-limit hits back. The MFA feature
 * implements it; without an implementation every sign-in goes the {@link SecondFactorCheck} way.
 */
public interface ChallengeAtOnce {

    /**
     * Runs {@code refund} (a right password never counts), whatever it answers; then the challenge when the user has
     * MFA. Empty when the user has none (nothing else written): the sign-in goes on through the
     * {@link SecondFactorCheck}s as usual, without refunding again.
     */
    Mono<Optional<SignInOutcome.MfaRequired>> challenge(UserAccount user, String clientIp, CarriedWrite refund);
}
