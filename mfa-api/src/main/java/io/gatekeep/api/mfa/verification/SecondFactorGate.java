package io.gatekeep.api.mfa.verification;

import io.gatekeep.api.accounts.model.UserAccount;
import io.gatekeep.api.enforcement.MfaRequirement;
import io.gatekeep.api.mfa.challenge.MfaSessions;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.sessions.ChallengeAtOnce;
import io.gatekeep.api.sessions.SecondFactorCheck;
import io.gatekeep.api.sessions.SignInOutcome;
import io.gatekeep.credentials.CarriedWrite;
import java.util.Optional;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Asked by the password sign-in once the password matched: a user with MFA gets a challenge (5 minutes, good only for
 * {@code POST /api/v1/auth/mfa}); a user without MFA whose organization enforces it gets a setup-only token; anyone
 * else gets a full session (empty answer). The common case, a user with MFA, is also offered as one statement
 * ({@link ChallengeAtOnce}) that the sign-in tries first.
 */
@Component
class SecondFactorGate implements SecondFactorCheck, ChallengeAtOnce {

    private final CredentialStore credentials;
    private final MfaRequirement requirement;
    private final MfaSessions sessions;

    SecondFactorGate(CredentialStore credentials, MfaRequirement requirement, MfaSessions sessions) {
        this.credentials = credentials;
        this.requirement = requirement;
        this.sessions = sessions;
    }

    @Override
    public Mono<SignInOutcome> afterPassword(UserAccount user, String clientIp) {
        return credentials
                .findActive(user.id())
                .hasElement()
                .flatMap(hasMfa -> hasMfa
                        ? sessions.issueChallenge(user.id(), clientIp)
                                .map(challenge -> new SignInOutcome.MfaRequired(
                                        user.id(), challenge.token(), challenge.expiresAt()))
                        : setupIfRequired(user, clientIp));
    }

    @Override
    public Mono<Optional<SignInOutcome.MfaRequired>> challenge(UserAccount user, String clientIp, CarriedWrite refund) {
        return sessions.issueChallengeIfMfa(user.id(), clientIp, refund)
                .map(issued -> issued.map(challenge ->
                        new SignInOutcome.MfaRequired(user.id(), challenge.token(), challenge.expiresAt())));
    }

    private Mono<SignInOutcome> setupIfRequired(UserAccount user, String clientIp) {
        return requirement
                .isRequiredFor(user.id())
                .filter(Boolean::booleanValue)
                .flatMap(required -> sessions.issueSetupToken(user.id(), clientIp))
                .map(token -> new SignInOutcome.MfaSetupRequired(user.id(), token.token(), token.expiresAt()));
    }
}
