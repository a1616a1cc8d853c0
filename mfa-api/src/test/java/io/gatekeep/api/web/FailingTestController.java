package io.gatekeep.api.web;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Test-only route that fails unexpectedly, to check what a client sees of an internal error. */
@Hidden
@RestController
class FailingTestController {

    static final String SECRET_DETAIL = "connection to db-internal-7:5432 failed for user gatekeep";

    @GetMapping("/test/boom")
    Mono<String> boom() {
        return Mono.error(new IllegalStateException(SECRET_DETAIL));
    }
}
