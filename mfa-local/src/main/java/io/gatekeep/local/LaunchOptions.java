package io.gatekeep.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What {@code run-local} was asked to do. */
record LaunchOptions(Path root, boolean fresh, boolean seed, boolean followLogs, Duration startTimeout, boolean help) {

    static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(300);

    static final String USAGE = """
            Usage: ./run-local [options]
              --fresh          delete .gatekeep-local (database, development key, logs) and start from scratch
              --no-seed        do not create the demo organization
              --follow-logs    also print every service log line here, prefixed [api] [worker] [desk]
              --timeout=SECS   how long each service may take to become healthy (default 300)
              --root=DIR       the repository root (default: found from the working directory or this jar)
              --help           this text
            """;

    /** Parses the command line; an unknown or malformed option is an {@link IllegalArgumentException}. */
    static LaunchOptions parse(List<String> args, Path defaultRoot) {
        Path root = defaultRoot;
        boolean fresh = false;
        boolean seed = true;
        boolean followLogs = false;
        boolean help = false;
        Duration timeout = DEFAULT_START_TIMEOUT;
        for (String arg : args) {
            if (arg.equals("--fresh")) {
                fresh = true;
            } else if (arg.equals("--no-seed")) {
                seed = false;
            } else if (arg.equals("--follow-logs")) {
                followLogs = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--timeout=")) {
                timeout = Duration.ofSeconds(positiveSeconds(arg.substring("--timeout=".length())));
            } else if (arg.startsWith("--root=") && arg.length() > "--root=".length()) {
                root = Path.of(arg.substring("--root=".length()));
            } else {
                throw new IllegalArgumentException("Unknown option: " + arg);
            }
        }
        return new LaunchOptions(root.toAbsolutePath().normalize(), fresh, seed, followLogs, timeout, help);
    }

    private static long positiveSeconds(String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return seconds;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--timeout needs a positive number of seconds, got: " + value);
    }
}
