package io.gatekeep.api.sessions;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.credentials.CarriedWrite;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * The second factor sent along with the password, for clients that show one form (and machine clients): redeems the
 * challenge of an {@code MFA_REQUIRED} answer at once, exactly as {@code POST /api/v1/auth/mfa} would, so the same
 * lockout, replay guard, enforcement and events apply. Implemented where the MFA rules live.
 */
public interface InlineSecondFactor {

    /**
     * @param code a code from the authenticator app, or null
     * @param recoveryCode the recovery code, or null (exactly one of the two is given)
     * @return the answer of the MFA step; a refused factor is an error carrying its problem, as in the MFA step
     */
    Mono<SignInResponse> redeem(String challengeToken, String code, String recoveryCode, String clientIp);

    /**
     * The common case without a challenge, tried the moment the password matched ({@link SignInAtOnce}): a fresh
     * valid {@code code} of the user's active credential while the lockout permits an attempt completes the sign-in
     * with the MFA step's session and events. Empty in every other case, having written nothing but {@code refund}:
     * then the sign-in goes the two-step way and {@link #redeem} decides.
     */
    Mono<Optional<SignInOutcome.Authenticated>> completeAtOnce(
            UserAccount user, String code, CarriedWrite refund, String clientIp);
}
