package io.gatekeep.api.mfa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The MFA rules are plain Java: the {@code model} package of every capability, and the TOTP, secrets and lockout
 * model that mfa-totp shares with the desk, know no Spring, R2DBC, Reactor or Kafka, and never reach for a store; the
 * capability packages around them (services, stores, controllers) and the wiring do.
 */
@AnalyzeClasses(packages = "io.gatekeep.api.mfa", importOptions = ImportOption.DoNotIncludeTests.class)
class MfaDomainIsFrameworkFreeTest {

    private static final String[] DOMAIN = {
        "io.gatekeep.api.mfa.totp..",
        "io.gatekeep.api.mfa.secrets..",
        "io.gatekeep.api.mfa.lockout..",
        "io.gatekeep.api.mfa..model.."
    };

    @ArchTest
    static final ArchRule domainImportsNoFramework = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "io.r2dbc..", "reactor..", "org.apache.kafka..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoTheStore = noClasses()
            .that()
            .resideInAnyPackage(DOMAIN)
            .should()
            .dependOnClassesThat()
            .haveSimpleNameEndingWith("Store");
}
