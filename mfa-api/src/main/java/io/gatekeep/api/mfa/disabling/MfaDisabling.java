package io.gatekeep.api.mfa.disabling;

import io.gatekeep.api.enforcement.MfaRequirement;
import io.gatekeep.api.mfa.credential.CredentialStore;
import io.gatekeep.api.mfa.credential.model.RevocationReason;
import io.gatekeep.api.mfa.verification.SecondFactorVerifier;
import io.gatekeep.api.mfa.verification.VerificationEvents;
import io.gatekeep.api.mfa.verification.model.VerificationOutcome.Verified;
import io.gatekeep.api.outbox.OutboxWriter;
import io.gatekeep.events.mfa.MfaDisabled;
import io.gatekeep.events.mfa.MfaVerificationFailed.Stage;
import io.gatekeep.events.mfa.MfaVerificationSucceeded;
import io.gatekeep.events.mfa.SecondFactor;
import java.time.Clock;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The user turns MFA off with a current code. Refused while an organization enforces MFA (checked first: that costs
 * no attempt); the code goes through the same lockout and replay guard as a sign-in.
 */
@Component
class MfaDisabling {

    private final MfaRequirement requirement;
    private final CredentialStore credentials;
    private final SecondFactorVerifier verifier;
    private final OutboxWriter outbox;
    private final VerificationEvents refusals;
    private final TransactionalOperator tx;
    private final Clock clock;

    MfaDisabling(
            MfaRequirement requirement,
            CredentialStore credentials,
            SecondFactorVerifier verifier,
            OutboxWriter outbox,
            VerificationEvents refusals,
            TransactionalOperator tx,
            Clock clock) {
        this.requirement = requirement;
        this.credentials = credentials;
        this.verifier = verifier;
        this.outbox = outbox;
        this.refusals = refusals;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<DisableResult> disable(UUID userId, String code, String clientIp) {
        Mono<DisableResult> work = requirement
                .isRequiredFor(userId)
                .flatMap(enforced -> enforced
                        ? Mono.just(new DisableResult.Enforced())
                        : credentials
                                .findActive(userId)
                                .hasElement()
                                .flatMap(enabled -> enabled
                                        ? verifyAndRevoke(userId, code, clientIp)
                                        : Mono.just(new DisableResult.NotEnabled())));
        return tx.transactional(work);
    }

    private Mono<DisableResult> verifyAndRevoke(UUID userId, String code, String clientIp) {
        return verifier.verifyTotp(userId, code).flatMap(outcome -> {
            if (!(outcome instanceof Verified verified)) {
                return refusals.refused(userId, outcome, Stage.DISABLE, clientIp)
                        .thenReturn(new DisableResult.Refused(outcome));
            }
            return credentials
                    .revokeActive(userId, RevocationReason.USER_REQUEST, clock.instant())
                    .flatMap(credentialId -> outbox.append(
                                    new MfaVerificationSucceeded(userId, credentialId, SecondFactor.TOTP, clientIp))
                            .then(outbox.append(new MfaDisabled(
                                    userId, credentialId, MfaDisabled.Reason.USER_REQUEST, userId, null, clientIp))))
                    .thenReturn(new DisableResult.Disabled());
        });
    }
}
