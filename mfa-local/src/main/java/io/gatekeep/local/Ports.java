package io.gatekeep.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;

/** Which local TCP ports are free. */
final class Ports {

    private Ports() {}

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName("127.0.0.1"))) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code preferred} if it is free, otherwise the next free port above it. */
    static int firstFreeFrom(int preferred) {
        for (int port = preferred; port < preferred + 100; port++) {
            if (isFree(port)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port in " + preferred + ".." + (preferred + 99));
    }

    static List<Integer> busy(List<Integer> ports) {
        return ports.stream().filter(port -> !isFree(port)).toList();
    }
}
