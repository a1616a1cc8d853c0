package io.gatekeep.api.accounts;

import java.util.UUID;
import reactor.core.publisher.Mono;

/**
 * Supplies the MFA part of {@code GET /api/v1/me}. Implemented by the MFA feature as a Spring bean; without one the
 * profile reports {@link MfaStatus#NONE}.
 */
public interface MfaStatusSource {

    Mono<MfaStatus> statusOf(UUID userId);
}
