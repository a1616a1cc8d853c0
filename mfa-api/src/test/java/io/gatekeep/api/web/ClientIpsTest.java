package io.gatekeep.api.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which address is the client's, behind trusted proxies or not, and which network a rate limit counts. */
class ClientIpsTest {

    private static final ClientIps BEHIND_PROXIES =
            new ClientIps(new WebProperties(List.of("10.0.0.0/8", "2001:db8:ffff::/48")));
    private static final ClientIps DIRECT = new ClientIps(new WebProperties(List.of()));

    @Test
    void withoutTrustedProxiesTheConnectionIsTheClientWhateverTheHeaderSays() {
        assertThat(DIRECT.resolve(ip("198.51.100.7"), List.of("203.0.113.9"))).isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void aRequestFromAnUntrustedPeerCannotChooseItsAddress() {
        assertThat(BEHIND_PROXIES.resolve(ip("198.51.100.7"), List.of("10.1.2.3, 203.0.113.9")))
                .isEqualTo(ip("198.51.100.7"));
    }

    @Test
    void behindATrustedProxyTheClientIsTheEntryTheProxyAdded() {
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("203.0.113.9")))
                .isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void aSpoofedFirstEntryIsIgnored() {
        // the client wrote "192.0.2.66" itself; the proxy appended the address it really came from
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("192.0.2.66, 203.0.113.9")))
                .isEqualTo(ip("203.0.113.9"));
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("192.0.2.66", "203.0.113.9")))
                .isEqualTo(ip("203.0.113.9"));
    }

    @Test
    void aChainOfTrustedProxiesIsWalkedFromTheRight() {
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("192.0.2.66, 2001:db8:1::7, 10.9.9.9")))
                .isEqualTo(ip("2001:db8:1::7"));
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("198.51.100.1, 2001:db8:ffff::1")))
                .isEqualTo(ip("198.51.100.1"));
    }

    @Test
    void junkFromATrustedProxyStopsAtThatProxy() {
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of("203.0.113.9, evil.example")))
                .isEqualTo(ip("10.0.0.5"));
        assertThat(BEHIND_PROXIES.resolve(ip("10.0.0.5"), List.of())).isEqualTo(ip("10.0.0.5"));
    }

    @Test
    void aRateLimitCountsIpv4AddressesAsTheyAreAndIpv6ByTheir64() {
        assertThat(ClientIps.networkOf("203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientIps.networkOf("2001:db8:1:2::1")).isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientIps.networkOf("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"))
                .isEqualTo("2001:db8:1:2::/64");
        assertThat(ClientIps.networkOf("2001:db8:1:3::1")).isEqualTo("2001:db8:1:3::/64");
        assertThat(ClientIps.networkOf("::ffff:203.0.113.9")).isEqualTo("203.0.113.9");
        assertThat(ClientIps.networkOf("unknown")).isEqualTo("unknown");
    }

    @Test
    void refusesAnInvalidTrustedProxySetting() {
        assertThatThrownBy(() -> new ClientIps(new WebProperties(List.of("proxy.example/8"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ClientIps(new WebProperties(List.of("10.0.0.0/33"))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static InetAddress ip(String literal) {
        return Cidr.literal(literal).orElseThrow();
    }
}
