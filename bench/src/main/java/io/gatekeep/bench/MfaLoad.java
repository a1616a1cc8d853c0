package io.gatekeep.bench;

import io.gatekeep.bench.EnrolledUsers.EnrolledUser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP side: password sign-ins to collect MFA challenges, then {@code POST /api/v1/auth/mfa} with a code computed
 * from the user's secret at the moment the request is sent, either closed-loop (a bounded number in flight, as fast
 * as the API answers) or open-loop (starts scheduled on the clock at a fixed rate; latency measured from the scheduled
 * start, so a stalled API or load generator shows up as latency instead of silently lowering the rate).
 */
final class MfaLoad {

    /** A user holding a fresh challenge, ready for the second step. */
    record Pending(EnrolledUser user, String challengeToken) {
    }

    /** What one run measured. Latencies in nanoseconds, one per completed request, sorted. */
    record Result(int requests, int succeeded, Map<String, Integer> failures, long[] latencies, double seconds,
                  long maxDispatchLagNanos) {

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

    private static final Pattern CHALLENGE = Pattern.compile("\"challengeToken\":\"([^\"]+)\"");
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final HttpClient http;

    MfaLoad(String baseUrl) {
        this.baseUrl = baseUrl;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(2, runnable -> {
                    Thread thread = new Thread(runnable, "bench-http");
                    thread.setDaemon(true);
                    return thread;
                }))
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Signs every user in with the password; each answer must be MFA_REQUIRED with a challenge. */
    List<Pending> challenges(List<EnrolledUser> users, int concurrency) throws InterruptedException {
        String[] tokens = new String[users.size()];
        Result result = closedLoop(users.size(), concurrency, i -> signIn(users.get(i)), (i, response) -> {
            Matcher challenge = CHALLENGE.matcher(response.body());
            if (response.statusCode() != 200 || !challenge.find()) {
                return false;
            }
            tokens[i] = challenge.group(1);
            return true;
        });
        failOnErrors("sign-in", result);
        List<Pending> pending = new ArrayList<>(users.size());
        for (int i = 0; i < users.size(); i++) {
            pending.add(new Pending(users.get(i), tokens[i]));
        }
        return pending;
    }

    /** Closed loop: at most {@code concurrency} verifications in flight, each started as soon as a slot frees. */
    Result saturate(List<Pending> work, int concurrency) throws InterruptedException {
        return closedLoop(work.size(), concurrency, i -> verify(work.get(i)), MfaLoad::authenticated);
    }

    /** Open loop: verification i starts at {@code start + i / rate}, whatever happened to the ones before. */
    Result paced(List<Pending> work, int rate) throws InterruptedException {
        int n = work.size();
        long interval = 1_000_000_000L / rate;
        long[] latencies = new long[n];
        Outcomes outcomes = new Outcomes(n);
        long start = System.nanoTime() + 20_000_000;
        long maxLag = 0;
        AtomicInteger inFlight = new AtomicInteger();
        int sent = 0;
        for (int i = 0; i < n; i++) {
            if (inFlight.get() > 4 * rate) {
                // more than 4 s of backlog: the API cannot sustain the rate; stop rather than queue for minutes
                System.out.printf("  stopped after %,d requests: %,d in flight, the API cannot keep up with %d/s%n",
                        i, inFlight.get(), rate);
                break;
            }
            long scheduled = start + i * interval;
            long wait;
            while ((wait = scheduled - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            maxLag = Math.max(maxLag, -wait);
            int index = i;
            inFlight.incrementAndGet();
            sent++;
            send(verify(work.get(i))).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - scheduled;
                inFlight.decrementAndGet();
                outcomes.record(response, error, authenticated(index, response));
            });
        }
        outcomes.await(sent);
        return outcomes.result(Arrays.copyOf(latencies, sent), (outcomes.lastCompletion.get() - start) / 1e9, maxLag);
    }

    private Result closedLoop(int n, int concurrency, Function<Integer, HttpRequest> request,
                              Check check) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        long[] latencies = new long[n];
        Outcomes outcomes = new Outcomes(n);
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            slots.acquire();
            int index = i;
            long sent = System.nanoTime();
            send(request.apply(i)).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - sent;
                outcomes.record(response, error, error == null && check.passed(index, response));
                slots.release();
            });
        }
        outcomes.await(n);
        return outcomes.result(latencies, (outcomes.lastCompletion.get() - start) / 1e9, 0);
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest signIn(EnrolledUser user) {
        return post("/api/v1/auth/sign-in", "{\"email\":" + ServiceProcess.quote(user.email()) + ",\"password\":"
                + ServiceProcess.quote(EnrolledUsers.PASSWORD) + "}");
    }

    /** The code is computed now, as the user would read it off the app just before submitting. */
    private HttpRequest verify(Pending pending) {
        String code = TotpCodes.codeAt(pending.user().secret(), System.currentTimeMillis());
        return post("/api/v1/auth/mfa", "{\"challengeToken\":" + ServiceProcess.quote(pending.challengeToken())
                + ",\"code\":\"" + code + "\"}");
    }

    private HttpRequest post(String path, String json) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static boolean authenticated(int index, HttpResponse<String> response) {
        return response != null && response.statusCode() == 200
                && response.body().contains("\"status\":\"AUTHENTICATED\"");
    }

    static void failOnErrors(String what, Result result) {
        if (result.succeeded() != result.requests()) {
            throw new IllegalStateException(what + ": " + (result.requests() - result.succeeded()) + " of "
                    + result.requests() + " failed: " + result.failures());
        }
    }

    private interface Check {
        boolean passed(int index, HttpResponse<String> response);
    }

    /** Counts successes and failures (by status and the problem's code) as responses arrive on the client's threads. */
    private static final class Outcomes {

        private static final Pattern PROBLEM_CODE = Pattern.compile("\"code\":\"([^\"]+)\"");

        private final CountDownLatch done;
        private final LongAdder succeeded = new LongAdder();
        private final Map<String, Integer> failures = new ConcurrentHashMap<>();
        private final AtomicLong lastCompletion = new AtomicLong();
        private final AtomicInteger completed = new AtomicInteger();
        private final long created = System.nanoTime();

        Outcomes(int n) {
            this.done = new CountDownLatch(n);
        }

        void record(HttpResponse<String> response, Throwable error, boolean passed) {
            if (passed) {
                succeeded.increment();
            } else {
                failures.merge(describe(response, error), 1, Integer::sum);
            }
            lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
            completed.incrementAndGet();
            done.countDown();
        }

        private static String describe(HttpResponse<String> response, Throwable error) {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return cause.getClass().getSimpleName();
            }
            Matcher code = PROBLEM_CODE.matcher(response.body());
            return response.statusCode() + (code.find() ? " " + code.group(1) : "");
        }

        void await(int n) throws InterruptedException {
            while (done.getCount() > 0 && completed.get() < n) {
                if (done.await(50, TimeUnit.MILLISECONDS)) {
                    break;
                }
                if (System.nanoTime() - created > TimeUnit.MINUTES.toNanos(10)) {
                    break;
                }
            }
            if (completed.get() < n) {
                throw new IllegalStateException("Only " + completed.get() + " of " + n + " requests completed");
            }
        }

        Result result(long[] latencies, double seconds, long maxDispatchLag) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            return new Result(latencies.length, succeeded.intValue(), Map.copyOf(failures), sorted, seconds,
                    maxDispatchLag);
        }
    }
}
