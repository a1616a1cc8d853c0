package io.gatekeep.api.mfa;

import java.util.List;
import java.util.function.IntFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** Fires {@code n} submissions at once (none waits for another) and collects every answer. */
public final class Concurrently {

    private Concurrently() {}

    public static <T> List<T> submit(int n, IntFunction<Mono<T>> submission) {
        return Flux.range(0, n)
                .flatMap(i -> Mono.defer(() -> submission.apply(i)).subscribeOn(Schedulers.parallel()), n)
                .collectList()
                .block();
    }
}
