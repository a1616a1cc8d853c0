package io.gatekeep.api.mfa.credential;

import io.gatekeep.api.accounts.MfaStatus;
import io.gatekeep.api.accounts.MfaStatusSource;
import io.gatekeep.api.enforcement.MfaRequirement;
import io.gatekeep.api.mfa.credential.model.ActiveCredential;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** The MFA part of {@code GET /api/v1/me}: whether MFA is on, since when, and whether an organization requires it. */
@Component
class MfaStatusReader implements MfaStatusSource {

    private final CredentialStore credentials;
    private final MfaRequirement requirement;

    MfaStatusReader(CredentialStore credentials, MfaRequirement requirement) {
        this.credentials = credentials;
        this.requirement = requirement;
    }

    @Override
    public Mono<MfaStatus> statusOf(UUID userId) {
        Mono<Optional<ActiveCredential>> credential =
                credentials.findActive(userId).map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(
                credential,
                requirement.isRequiredFor(userId),
                (active, required) -> new MfaStatus(
                        active.isPresent(),
                        active.map(ActiveCredential::enabledAt).orElse(null),
                        required));
    }
}
