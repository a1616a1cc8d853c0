package io.gatekeep.desk.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The intake layer is plain Java (plus mime4j for MIME, Jakarta Mail for addresses and jsoup for HTML): no Spring,
 * JDBC or Kafka.
 */
class IntakeIsFrameworkFreeTest {

    private final JavaClasses intake = importIntake();

    /**
     * Imports the compiled classes folder only, without resolving every referenced library class from the classpath:
     * names of dependencies are all these rules need, and full resolution takes seconds.
     */
    private static JavaClasses importIntake() {
        ArchConfiguration configuration = ArchConfiguration.get();
        boolean resolve = configuration.resolveMissingDependenciesFromClassPath();
        configuration.setResolveMissingDependenciesFromClassPath(false);
        try {
            return new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPath(compiledIntakeClasses());
        } finally {
            configuration.setResolveMissingDependenciesFromClassPath(resolve);
        }
    }

    private static Path compiledIntakeClasses() {
        try {
            Path root = Path.of(MessageParser.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return root.resolve("io/gatekeep/desk/intake");
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void importedTheIntakeClasses() {
        org.assertj.core.api.Assertions.assertThat(intake.containPackage("io.gatekeep.desk.intake.reply"))
                .isTrue();
    }

    @Test
    void dependsOnNoFramework() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "java.sql..",
                        "javax.sql..",
                        "jakarta.persistence..")
                .check(intake);
    }

    @Test
    void keepsTheReplyAndAuthenticationRulesFreeOfMimeLibraries() {
        noClasses()
                .that()
                .resideInAnyPackage("..intake.reply..", "..intake.authresults..", "..intake.automation..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("jakarta.mail..", "org.jsoup..", "org.apache.james..")
                .check(intake);
    }
}
