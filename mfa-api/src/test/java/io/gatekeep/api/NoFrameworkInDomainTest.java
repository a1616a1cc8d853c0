package io.gatekeep.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Domain rules and policies ({@code ..model..} packages) speak plain Java: no Spring, R2DBC, Reactor or Kafka. */
@AnalyzeClasses(packages = "io.gatekeep.api", importOptions = ImportOption.DoNotIncludeTests.class)
class NoFrameworkInDomainTest {

    @ArchTest
    static final ArchRule domainIsFreeOfFrameworks = noClasses()
            .that()
            .resideInAPackage("io.gatekeep.api..model..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework..",
                    "io.r2dbc..",
                    "reactor..",
                    "org.apache.kafka..",
                    "tools.jackson..",
                    "com.fasterxml..",
                    "jakarta..",
                    "io.swagger..")
            .because("domain rules must be testable and readable without any framework");

    @ArchTest
    static final ArchRule domainDoesNotReachIntoApplicationLayers = noClasses()
            .that()
            .resideInAPackage("io.gatekeep.api..model..")
            .should()
            .dependOnClassesThat()
            .resideOutsideOfPackages(
                    "io.gatekeep.api..model..",
                    "java..",
                    // mfa-totp: the TOTP, secrets and lockout model the MFA models build on, plain Java as well
                    "io.gatekeep.api.mfa.totp..",
                    "io.gatekeep.api.mfa.secrets..",
                    "io.gatekeep.api.mfa.lockout..",
                    // the QR code of a setup is drawn by a library, not a framework
                    "com.google.zxing..")
            .because("a model may use other models, nothing else");
}
