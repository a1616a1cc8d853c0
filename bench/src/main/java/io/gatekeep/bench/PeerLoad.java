package io.gatekeep.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The closed loop of {@link PeerBenchmark}: {@code connections} threads of {@link KeepAliveHttp}, each with its own
 * keep-alive connection, each starting the next sign-in as soon as its previous one answered, until the users of the
 * run are used up or its time is over. A sign-in may take several requests (Gatekeep: password, then code); its
 * latency is from the first request's send to the last one's answer, on the same connection.
 */
final class PeerLoad {

    /** One full sign-in of user {@code index} on the calling thread's connection; a failure's description, or null. */
    interface SignIn {
        String run(KeepAliveHttp http, int index);
    }

    /** What one run measured; latencies in nanoseconds, sorted. */
    record Result(int succeeded, Map<String, Integer> failures, long[] latencies, double seconds) {

        int attempted() {
            return succeeded
                    + failures.values().stream().mapToInt(Integer::intValue).sum();
        }

        double perSecond() {
            return succeeded / seconds;
        }

        double percentileMillis(double percent) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percent / 100 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(index, latencies.length - 1))] / 1e6;
        }
    }

    private PeerLoad() {}

    /** Users {@code from} (inclusive) to {@code to} (exclusive), each at most once, for at most {@code maxSeconds}. */
    static Result run(String baseUrl, int connections, int from, int to, double maxSeconds, SignIn signIn) {
        AtomicInteger next = new AtomicInteger(from);
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        List<long[]> perThread = new ArrayList<>();
        long start = System.nanoTime();
        long deadline = start + (long) (maxSeconds * 1e9);
        try (KeepAliveHttp http = new KeepAliveHttp(baseUrl, connections)) {
            List<CompletableFuture<long[]>> loops = new ArrayList<>();
            for (int c = 0; c < connections; c++) {
                loops.add(http.submit(() -> {
                    long[] latencies = new long[16];
                    int n = 0;
                    for (int i = next.getAndIncrement();
                            i < to && System.nanoTime() < deadline;
                            i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        String failure;
                        try {
                            failure = signIn.run(http, i);
                        } catch (RuntimeException e) {
                            Throwable cause = e.getCause() != null ? e.getCause() : e;
                            failure = cause.getClass().getSimpleName();
                        }
                        long took = System.nanoTime() - sent;
                        if (failure == null) {
                            if (n == latencies.length) {
                                latencies = Arrays.copyOf(latencies, 2 * n);
                            }
                            latencies[n++] = took;
                        } else {
                            failures.merge(failure, 1, Integer::sum);
                        }
                    }
                    return Arrays.copyOf(latencies, n);
                }));
            }
            for (CompletableFuture<long[]> loop : loops) {
                perThread.add(loop.join());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(all.length, Map.copyOf(failures), all, seconds);
    }
}
