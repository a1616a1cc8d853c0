package io.gatekeep.api.directory;

import io.gatekeep.api.directory.DirectoryEntries.Approvers;
import io.gatekeep.api.directory.DirectoryEntries.User;
import io.gatekeep.api.web.ApiError;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.UUID;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The internal directory: what the support desk needs to check a recovery request (is the sender a registered user,
 * which organizations, who may confirm). Hidden from the public OpenAPI document; described in docs/ARCHITECTURE.md.
 */
@Hidden
@RestController
@RequestMapping("/internal/v1/directory")
class DirectoryController {

    private final Directory directory;

    DirectoryController(Directory directory) {
        this.directory = directory;
    }

    @GetMapping("/users")
    Mono<User> userByEmail(@RequestParam String email) {
        return directory.userByEmail(email).switchIfEmpty(Mono.error(ApiError.NOT_FOUND.exception()));
    }

    @GetMapping("/users/{userId}")
    Mono<User> userById(@PathVariable UUID userId) {
        return directory.userById(userId).switchIfEmpty(Mono.error(ApiError.NOT_FOUND.exception()));
    }

    @GetMapping("/organizations/{organizationId}/approvers")
    Mono<Approvers> approvers(@PathVariable UUID organizationId) {
        return directory.approvers(organizationId).switchIfEmpty(Mono.error(ApiError.NOT_FOUND.exception()));
    }
}
