package io.gatekeep.desk.intake;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The intake layer is plain Java (plus Jakarta Mail for addresses and jsoup for HTML): no Spring, JDBC or Kafka. */
class IntakeIsFrameworkFreeTest {

    private final JavaClasses intake = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatekeep.desk.intake");

    @Test
    void dependsOnNoFramework() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.apache.kafka..",
                        "java.sql..", "javax.sql..", "jakarta.persistence..")
                .check(intake);
    }

    @Test
    void keepsTheReplyAndAuthenticationRulesFreeOfMimeLibraries() {
        noClasses().that().resideInAnyPackage("..intake.reply..", "..intake.authresults..", "..intake.automation..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.mail..", "org.jsoup..")
                .check(intake);
    }
}
