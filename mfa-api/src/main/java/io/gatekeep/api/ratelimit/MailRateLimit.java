package io.gatekeep.api.ratelimit;

import io.gatekeep.api.accounts.model.EmailAddress;
import io.gatekeep.api.ratelimit.model.FixedWindow;
import io.gatekeep.api.ratelimit.model.RateLimitDecision;
import io.gatekeep.api.web.ClientIps;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * A limit on requests that make Gatekeep send an email to an address someone typed (signup confirmations, password
 * reset links): counted per client network (an IPv4 address, an IPv6 /64) and per email address, so neither one client nor many clients together
 * can flood a mailbox or probe many addresses quickly. Every request counts, whether or not the address has an account,
 * so the limit tells nothing about which addresses are customers.
 */
public final class MailRateLimit {

    private final RateLimiter rateLimiter;
    private final String name;
    private final int perNetwork;
    private final int perAddress;
    private final FixedWindow window;

    /**
     * @param name the buckets' prefix, e.g. {@code signup}
     */
    public MailRateLimit(RateLimiter rateLimiter, String name, int perNetwork, int perAddress, Duration window) {
        this.rateLimiter = rateLimiter;
        this.name = name;
        this.perNetwork = perNetwork;
        this.perAddress = perAddress;
        this.window = new FixedWindow(window);
    }

    /** Counts one request from {@code clientIp} for {@code email} and decides it. */
    public Mono<RateLimitDecision> hit(String clientIp, String email) {
        return Mono.zip(
                rateLimiter.hit(name + ":network:" + ClientIps.networkOf(clientIp), perNetwork, window),
                rateLimiter.hit(name + ":address:" + EmailAddress.normalize(email), perAddress, window),
                RateLimitDecision::stricter);
    }
}
