package io.gatekeep.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gatekeep.messaging.consuming.EventHandler;
import io.gatekeep.messaging.consuming.EventSubscription;
import io.gatekeep.messaging.consuming.ReceivedEvent;
import org.junit.jupiter.api.Test;

class MessagingArchitectureTest {

    private static final JavaClasses MESSAGING = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.gatekeep.messaging");

    /** A service's handlers and subscription are written against this contract alone: no Kafka, no Spring. */
    @Test
    void theContractServicesWriteAgainstNeedsNoFramework() {
        classes()
                .that()
                .belongToAnyOf(
                        EventHandler.class, ReceivedEvent.class, EventSubscription.class, EventSubscription.Retry.class)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "io.gatekeep.events..", "io.gatekeep.messaging.consuming..")
                .check(MESSAGING);
    }

    @Test
    void backgroundWorkKnowsNeitherKafkaNorTheDatabase() {
        noClasses()
                .that()
                .resideInAPackage("io.gatekeep.messaging.background..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.springframework.kafka..",
                        "org.springframework.jdbc..",
                        "java.sql..",
                        "javax.sql..")
                .check(MESSAGING);
    }

    @Test
    void messagingKnowsNoService() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.gatekeep.worker..", "io.gatekeep.desk..", "io.gatekeep.api..")
                .check(MESSAGING);
    }
}
