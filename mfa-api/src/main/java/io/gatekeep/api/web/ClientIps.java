package io.gatekeep.api.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * The client address recorded in events and sessions, and the network that per-client rate limits count
 * ({@link #networkOf}).
 *
 * <p>Behind reverse proxies the connection comes from the proxy. Each proxy appends the address it received the
 * request from to {@code X-Forwarded-For}, after whatever the client itself wrote there. So the header is read from
 * the right: while the hop is a trusted proxy ({@code gatekeep.web.trusted-proxies}), step one entry left; the first
 * entry that is not a trusted proxy is the client, as the last trusted proxy saw it. The first entry of the header
 * is the client's to choose and never decides anything on its own.
 */
@Component
@EnableConfigurationProperties(WebProperties.class)
public class ClientIps {

    static final String FORWARDED_FOR = "X-Forwarded-For";
    private static final String UNKNOWN = "unknown";

    private final List<Cidr> trustedProxies;

    ClientIps(WebProperties properties) {
        this.trustedProxies = properties.trustedProxies().stream()
                .filter(cidr -> !cidr.isBlank())
                .map(Cidr::parse)
                .toList();
    }

    /** The address of the client that sent the request, or "unknown"; never null. */
    public String of(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        if (peer == null) {
            return remote == null ? UNKNOWN : remote.getHostString();
        }
        return resolve(peer, request.getHeaders().getOrEmpty(FORWARDED_FOR)).getHostAddress();
    }

    /** The client behind {@code peer} (the connection's address), given the X-Forwarded-For header lines. */
    InetAddress resolve(InetAddress peer, List<String> forwardedForLines) {
        InetAddress hop = peer;
        List<String> entries = new ArrayList<>();
        for (String line : forwardedForLines) {
            for (String entry : line.split(",")) {
                entries.add(entry.strip());
            }
        }
        for (int i = entries.size() - 1; i >= 0 && isTrustedProxy(hop); i--) {
            Optional<InetAddress> previous = Cidr.literal(entries.get(i));
            if (previous.isEmpty()) {
                return hop; // a trusted proxy passed on something that is no address: stop at that proxy
            }
            hop = previous.get();
        }
        return hop;
    }

    private boolean isTrustedProxy(InetAddress address) {
        for (Cidr cidr : trustedProxies) {
            if (cidr.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The network a client address belongs to, as per-client rate limits count it: an IPv4 address as it is, an IPv6
     * address as its /64 (one subscriber usually holds a whole /64, so single IPv6 addresses cost nothing to change).
     * Anything that is not an IP address is returned unchanged.
     */
    public static String networkOf(String clientIp) {
        Optional<InetAddress> address = Cidr.literal(clientIp);
        if (address.isEmpty()) {
            return clientIp;
        }
        InetAddress ip = address.get();
        if (ip instanceof Inet4Address) {
            return ip.getHostAddress();
        }
        byte[] bytes = ip.getAddress();
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < 8; i += 2) {
            network.append(Integer.toHexString(((bytes[i] & 0xFF) << 8) | (bytes[i + 1] & 0xFF)))
                    .append(':');
        }
        return network.append(":/64").toString();
    }
}
