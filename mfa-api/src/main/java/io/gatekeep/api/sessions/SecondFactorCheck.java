package io.gatekeep.api.sessions;

import io.gatekeep.api.accounts.model.UserAccount;
import reactor.core.publisher.Mono;

/**
 * Asked after the password matched, inside the sign-in transaction (so anything it writes, including outbox events,
 * commits or rolls back with the sign-in). The MFA features implement it as Spring beans:
 * answer {@link SignInOutcome.MfaRequired} or {@link SignInOutcome.MfaSetupRequired} to stop before a full session
 * is issued, or empty to let the sign-in complete. Beans are asked in {@code @Order}; the first non-empty answer wins.
 */
public interface SecondFactorCheck {

    Mono<SignInOutcome> afterPassword(UserAccount user, String clientIp);
}
