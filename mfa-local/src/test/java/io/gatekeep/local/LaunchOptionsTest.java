package io.gatekeep.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LaunchOptionsTest {

    private static final Path ROOT = Path.of("/repo");

    @Test
    void defaultsKeepDataSeedAndKeepLogsInFiles() {
        LaunchOptions options = LaunchOptions.parse(List.of(), ROOT);

        assertThat(options.root()).isEqualTo(ROOT);
        assertThat(options.fresh()).isFalse();
        assertThat(options.seed()).isTrue();
        assertThat(options.followLogs()).isFalse();
        assertThat(options.startTimeout()).isEqualTo(LaunchOptions.DEFAULT_START_TIMEOUT);
    }

    @Test
    void readsEveryOption() {
        LaunchOptions options = LaunchOptions.parse(
                List.of("--fresh", "--no-seed", "--follow-logs", "--timeout=30", "--root=/elsewhere"), ROOT);

        assertThat(options.fresh()).isTrue();
        assertThat(options.seed()).isFalse();
        assertThat(options.followLogs()).isTrue();
        assertThat(options.startTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.root()).isEqualTo(Path.of("/elsewhere"));
    }

    @Test
    void rejectsUnknownOptionsAndBadTimeouts() {
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--fersh"), ROOT)).hasMessageContaining("--fersh");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--timeout=0"), ROOT))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> LaunchOptions.parse(List.of("--timeout=soon"), ROOT))
                .hasMessageContaining("soon");
    }

    @Test
    void helpIsAnOption() {
        assertThat(LaunchOptions.parse(List.of("--help"), ROOT).help()).isTrue();
        assertThat(LaunchOptions.parse(List.of("-h"), ROOT).help()).isTrue();
    }
}
