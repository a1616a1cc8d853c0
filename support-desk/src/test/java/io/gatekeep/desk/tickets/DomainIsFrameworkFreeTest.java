package io.gatekeep.desk.tickets;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The ticket domain (states, references, tokens, policies) imports no Spring, JDBC, Kafka or Jackson. */
class DomainIsFrameworkFreeTest {

    private final JavaClasses domain = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatekeep.desk.tickets");

    @Test
    void ticketDomainDependsOnNoFramework() {
        noClasses()
                .that()
                .resideInAPackage("io.gatekeep.desk.tickets..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "java.sql..",
                        "org.apache.kafka..",
                        "tools.jackson..",
                        "com.fasterxml..",
                        "javax.sql..")
                .check(domain);
    }
}
