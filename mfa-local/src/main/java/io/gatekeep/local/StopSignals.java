package io.gatekeep.local;

import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM start an orderly stop instead of the JVM's shutdown: shutdown hooks run concurrently, and the
 * Kafka test kit's hook deletes the broker's folder while the broker (and the services using it) are still stopping.
 */
final class StopSignals {

    private StopSignals() {}

    static void onInterruptOrTerminate(Runnable stop) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(stop, "local-stack-" + name).start());
            } catch (IllegalArgumentException unsupported) {
                // not on this platform: the shutdown hook still stops everything
            }
        }
    }
}
