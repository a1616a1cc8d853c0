package io.gatekeep.bench;

import io.gatekeep.bench.EnrolledUsers.EnrolledUser;
import io.gatekeep.bench.KeepAliveHttp.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
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
    record Pending(EnrolledUser user, String challengeToken) {}

    /** What one run measured. Latencies in nanoseconds, one per completed request, sorted. */
    record Result(
            int requests,
            int succeeded,
            Map<String, Integer> failures,
            long[] latencies,
            double seconds,
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

    /** Connections of the open-loop run: requests beyond this many in flight wait in the load generator's queue. */
    private static final int PACED_CONNECTIONS = 64;

    private final String baseUrl;

    MfaLoad(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** Signs every user in with the password; each answer must be MFA_REQUIRED with a challenge. */
    List<Pending> challenges(List<EnrolledUser> users, int concurrency) throws InterruptedException {
        String[] tokens = new String[users.size()];
        Result result =
                closedLoop(users.size(), concurrency, (http, i) -> signIn(http, users.get(i)), (i, response) -> {
                    Matcher challenge = CHALLENGE.matcher(response.body());
                    if (response.status() != 200 || !challenge.find()) {
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
        return closedLoop(work.size(), concurrency, (http, i) -> verify(http, work.get(i)), MfaLoad::authenticated);
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
        try (KeepAliveHttp http = new KeepAliveHttp(baseUrl, PACED_CONNECTIONS)) {
            for (int i = 0; i < n; i++) {
                if (inFlight.get() > 4 * rate) {
                    // more than 4 s of backlog: the API cannot sustain the rate; stop rather than queue for minutes
                    System.out.printf(
                            "  stopped after %,d requests: %,d in flight, the API cannot keep up with %d/s%n",
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
                verify(http, work.get(i)).whenComplete((response, error) -> {
                    latencies[index] = System.nanoTime() - scheduled;
                    inFlight.decrementAndGet();
                    outcomes.record(response, error, authenticated(index, response));
                });
            }
            outcomes.await(sent);
        }
        System.out.println("  p99 per second of schedule (ms): " + perSecondP99(latencies, sent, rate));
        return outcomes.result(Arrays.copyOf(latencies, sent), (outcomes.lastCompletion.get() - start) / 1e9, maxLag);
    }

    /** Whether a tail is spread over the run or comes from a few stalls: the p99 of each second's starts. */
    private static String perSecondP99(long[] latencies, int sent, int rate) {
        StringBuilder line = new StringBuilder();
        for (int from = 0; from < sent; from += rate) {
            long[] second = Arrays.copyOfRange(latencies, from, Math.min(from + rate, sent));
            Arrays.sort(second);
            line.append(second[Math.max(0, (int) Math.ceil(0.99 * second.length) - 1)] / 1_000_000)
                    .append(' ');
        }
        return line.toString().trim();
    }

    /** One connection per request in flight: the loop only starts a request when a slot (and so a connection) frees. */
    private Result closedLoop(int n, int concurrency, Call call, Check check) throws InterruptedException {
        Semaphore slots = new Semaphore(concurrency);
        long[] latencies = new long[n];
        Outcomes outcomes = new Outcomes(n);
        long start = System.nanoTime();
        try (KeepAliveHttp http = new KeepAliveHttp(baseUrl, concurrency)) {
            for (int i = 0; i < n; i++) {
                slots.acquire();
                int index = i;
                long sent = System.nanoTime();
                call.send(http, i).whenComplete((response, error) -> {
                    latencies[index] = System.nanoTime() - sent;
                    outcomes.record(response, error, error == null && check.passed(index, response));
                    slots.release();
                });
            }
            outcomes.await(n);
        }
        return outcomes.result(latencies, (outcomes.lastCompletion.get() - start) / 1e9, 0);
    }

    private interface Call {
        CompletableFuture<Response> send(KeepAliveHttp http, int index);
    }

    private CompletableFuture<Response> signIn(KeepAliveHttp http, EnrolledUser user) {
        return http.post(
                "/api/v1/auth/sign-in",
                "{\"email\":" + ServiceProcess.quote(user.email()) + ",\"password\":"
                        + ServiceProcess.quote(EnrolledUsers.PASSWORD) + "}");
    }

    /** The code is computed on the connection's thread, as the user would read it off the app just before sending. */
    private CompletableFuture<Response> verify(KeepAliveHttp http, Pending pending) {
        return http.post(
                "/api/v1/auth/mfa",
                () -> "{\"challengeToken\":"
                        + ServiceProcess.quote(pending.challengeToken()) + ",\"code\":\""
                        + TotpCodes.codeAt(pending.user().secret(), System.currentTimeMillis()) + "\"}");
    }

    private static boolean authenticated(int index, Response response) {
        return response != null && response.status() == 200 && response.body().contains("\"status\":\"AUTHENTICATED\"");
    }

    static void failOnErrors(String what, Result result) {
        if (result.succeeded() != result.requests()) {
            throw new IllegalStateException(what + ": " + (result.requests() - result.succeeded()) + " of "
                    + result.requests() + " failed: " + result.failures());
        }
    }

    private interface Check {
        boolean passed(int index, Response response);
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

        void record(Response response, Throwable error, boolean passed) {
            if (passed) {
                succeeded.increment();
            } else {
                failures.merge(describe(response, error), 1, Integer::sum);
            }
            lastCompletion.accumulateAndGet(System.nanoTime(), Math::max);
            completed.incrementAndGet();
            done.countDown();
        }

        private static String describe(Response response, Throwable error) {
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                return cause.getClass().getSimpleName();
            }
            Matcher code = PROBLEM_CODE.matcher(response.body());
            return response.status() + (code.find() ? " " + code.group(1) : "");
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
            return new Result(
                    latencies.length, succeeded.intValue(), Map.copyOf(failures), sorted, seconds, maxDispatchLag);
        }
    }
}
