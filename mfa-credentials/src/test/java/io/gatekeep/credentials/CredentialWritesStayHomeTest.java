package io.gatekeep.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A credential changes only through the statements of this module: no production source elsewhere writes the
 * credential tables. Tests, the shared test fixtures ({@code mfa-test-support}) and the benchmark's seeder are left
 * out on purpose: they store rows to set up a situation, which is not a transition of the credential.
 */
class CredentialWritesStayHomeTest {

    /** SQL that writes {@code mfa_credential}, {@code mfa_setup}, {@code mfa_recovery_code} or {@code mfa_lockout}. */
    private static final Pattern WRITES_CREDENTIAL_TABLES = Pattern.compile(
            "(?i)(insert\\s+into|update|delete\\s+from)\\s+(mfa_credential|mfa_setup|mfa_recovery_code|mfa_lockout)\\b");

    private static final Path PROJECT = Path.of("").toAbsolutePath().getParent();

    @Test
    void noSourceOutsideTheCredentialsModuleWritesTheCredentialTables() {
        List<Path> writers = productionSources()
                .filter(source -> !source.startsWith(PROJECT.resolve("mfa-credentials")))
                .filter(source -> !source.startsWith(PROJECT.resolve("bench")))
                .filter(source -> !source.startsWith(PROJECT.resolve("mfa-test-support")))
                .filter(CredentialWritesStayHomeTest::writesCredentialTables)
                .toList();
        assertThat(writers).isEmpty();
    }

    @Test
    void theCheckRecognizesTheStatementsItGuards() {
        // guards the test above against passing vacuously (a pattern that matches nothing, sources not found)
        assertThat(productionSources()
                        .filter(source -> source.startsWith(PROJECT.resolve("mfa-credentials")))
                        .filter(CredentialWritesStayHomeTest::writesCredentialTables))
                .isNotEmpty();
        assertThat(productionSources().filter(source -> source.startsWith(PROJECT.resolve("mfa-api"))))
                .isNotEmpty();
    }

    private static Stream<Path> productionSources() {
        try (Stream<Path> modules = Files.list(PROJECT)) {
            return modules.map(module -> module.resolve("src/main/java")).filter(Files::isDirectory).toList().stream()
                    .flatMap(CredentialWritesStayHomeTest::javaFiles);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> javaFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".java")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean writesCredentialTables(Path source) {
        try {
            return WRITES_CREDENTIAL_TABLES.matcher(Files.readString(source)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
