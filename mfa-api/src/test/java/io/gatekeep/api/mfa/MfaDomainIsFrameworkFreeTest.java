package io.gatekeep.api.mfa;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The MFA rules are plain Java: only {@code store} and {@code application} may know Spring, R2DBC or Reactor, and
 * only {@code application} (and {@code config}, which wires them) use the stores.
 */
@AnalyzeClasses(packages = "io.gatekeep.api.mfa", importOptions = ImportOption.DoNotIncludeTests.class)
class MfaDomainIsFrameworkFreeTest {

    @ArchTest
    static final ArchRule domainImportsNoFramework = noClasses()
            .that()
            .resideInAnyPackage(
                    "io.gatekeep.api.mfa.totp..",
                    "io.gatekeep.api.mfa.secrets..",
                    "io.gatekeep.api.mfa.recovery..",
                    "io.gatekeep.api.mfa.qr..",
                    "io.gatekeep.api.mfa.enrollment..",
                    "io.gatekeep.api.mfa.lockout..",
                    "io.gatekeep.api.mfa.verification..",
                    "io.gatekeep.api.mfa.credential..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..", "io.r2dbc..", "reactor..", "org.apache.kafka..", "jakarta.persistence..");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoTheStore = noClasses()
            .that()
            .resideOutsideOfPackages(
                    "io.gatekeep.api.mfa.store..", "io.gatekeep.api.mfa.application..", "io.gatekeep.api.mfa.config..")
            .and()
            .resideInAPackage("io.gatekeep.api.mfa..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.gatekeep.api.mfa.store..");
}
