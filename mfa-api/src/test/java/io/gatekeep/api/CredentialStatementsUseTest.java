package io.gatekeep.api;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * The credential's statements ({@code io.gatekeep.credentials}) are run by the MFA stores and nothing else in the API:
 * services ask a store for a transition, so each statement has one caller to read and one place to change.
 */
@AnalyzeClasses(packages = "io.gatekeep", importOptions = ImportOption.DoNotIncludeTests.class)
class CredentialStatementsUseTest {

    private static final Set<String> OPERATIONS = Set.of("SupportReset", "SetupExpiry", "LockoutCondition");

    @ArchTest
    static final ArchRule onlyStoresRunCredentialStatements = classes()
            .that(describe(
                    "are credential statements",
                    (JavaClass c) -> c.getPackageName().equals("io.gatekeep.credentials")
                            && (c.getSimpleName().endsWith("Statements") || OPERATIONS.contains(c.getSimpleName()))))
            .should()
            .onlyHaveDependentClassesThat(describe(
                    "are MFA stores or the credentials module itself",
                    (JavaClass c) -> c.getPackageName().equals("io.gatekeep.credentials")
                            || (c.getPackageName().startsWith("io.gatekeep.api.mfa")
                                    && c.getSimpleName().endsWith("Store"))))
            .because("a credential transition is run by the store of its aggregate, never by a service or controller");
}
