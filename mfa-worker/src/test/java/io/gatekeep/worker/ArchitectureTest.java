package io.gatekeep.worker;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses WORKER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatekeep.worker");

    @Test
    void onlyConsumingKnowsKafka() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatekeep.worker.consuming..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
                .check(WORKER);
    }

    @Test
    void consumingKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage("io.gatekeep.worker.consuming..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.gatekeep.worker.audit..",
                        "io.gatekeep.worker.invitations..",
                        "io.gatekeep.worker.notifications..",
                        "io.gatekeep.worker.mail..")
                .check(WORKER);
    }

    @Test
    void emailIsSentOnlyByTheMailPackage() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatekeep.worker.mail..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework.mail..", "jakarta.mail..")
                .check(WORKER);
    }

    @Test
    void onlyTheCredentialHandlersRunCredentialStatements() {
        // the worker changes a credential only as a support reset or a setup expiry, through the statements the API
        // runs too
        noClasses()
                .that()
                .resideOutsideOfPackage("io.gatekeep.worker.mfa")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.gatekeep.credentials")
                .check(WORKER);
        noClasses()
                .that()
                .resideInAPackage("io.gatekeep.worker.mfa")
                .and()
                .doNotHaveSimpleName("SupportResetHandler")
                .and()
                .doNotHaveSimpleName("SetupSweep")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.gatekeep.credentials")
                .check(WORKER);
    }
}
