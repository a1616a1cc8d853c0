package io.gatekeep.local;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/** Finds the repository checkout and the services' executable jars that Maven built in it. */
final class RepositoryRoot {

    private RepositoryRoot() {}

    /** The working directory if it is the repository root, else the root this jar was built in. */
    static Path find() {
        Path workingDirectory = Path.of("").toAbsolutePath();
        if (isRoot(workingDirectory)) {
            return workingDirectory;
        }
        try {
            Path jar = Path.of(LocalStack.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            for (Path candidate = jar; candidate != null; candidate = candidate.getParent()) {
                if (isRoot(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | RuntimeException ignored) {
            // fall back to the working directory
        }
        return workingDirectory;
    }

    static boolean isRoot(Path directory) {
        return Files.isRegularFile(directory.resolve("pom.xml")) && Files.isDirectory(directory.resolve("mfa-api"));
    }

    /**
     * Each service's executable jar: {@code <module>-<version>-exec.jar}, the newest if several were built. A jar
     * that was repackaged twice (its Start-Class is Boot's own launcher, which recurses until the stack overflows) is
     * skipped for the plain {@code <module>-<version>.jar} when that one is executable.
     */
    static Map<Service, Path> serviceJars(Path root) throws IOException {
        Map<Service, Path> jars = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            Path target = root.resolve(service.module()).resolve("target");
            String module = service.module();
            Optional<Path> jar = newestJar(target, name -> name.startsWith(module + "-") && name.endsWith("-exec.jar"))
                    .filter(RepositoryRoot::isExecutable)
                    .or(() -> newestJar(
                                    target,
                                    name -> name.startsWith(module + "-")
                                            && name.endsWith(".jar")
                                            && !name.matches(".*-(exec|sources|javadoc|tests)\\.jar"))
                            .filter(RepositoryRoot::isExecutable));
            jars.put(
                    service,
                    jar.orElseThrow(() ->
                            new IllegalStateException("No executable " + service.module() + "-*-exec.jar in " + target
                                    + ": build first with `mvn -B install -DskipTests` (./run-local does it)")));
        }
        return jars;
    }

    private static Optional<Path> newestJar(Path target, Predicate<String> name) {
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(file -> name.test(file.getFileName().toString()))
                    .max(Comparator.comparingLong(file -> file.toFile().lastModified()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A Spring Boot jar whose Start-Class is the application, not a launcher. */
    static boolean isExecutable(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String startClass =
                    manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
            return startClass != null && !startClass.startsWith("org.springframework.boot.loader.");
        } catch (IOException e) {
            return false;
        }
    }
}
