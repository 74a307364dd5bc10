package dev.moat.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages of dev.moat import each other one way (docs/ARCHITECTURE.md): the entry point at the top, the features
 * in the middle, and below them the shared packages no feature is imported by. Read from the compiled classes, so a
 * fully qualified name counts as much as an import.
 */
class ArchitectureTest {

    /** What every feature may use; none of these uses a feature. */
    private static final String[] SHARED = {
        "dev.moat.config..",
        "dev.moat.problem..",
        "dev.moat.user..",
        "dev.moat.embed..",
        "dev.moat.index..",
        "dev.moat.jobs.."
    };

    private static JavaClasses main;

    @BeforeAll
    static void importMain() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.moat");
    }

    @Test
    void noTwoPackagesReachEachOther() {
        slices().matching("dev.moat.(*)..").should().beFreeOfCycles().check(main);
    }

    @Test
    void nothingImportsTheEntryPoint() {
        // Main, the command registry and the command application sit in dev.moat itself, above every feature.
        noClasses()
                .that(not(resideInAPackage("dev.moat")))
                .should()
                .dependOnClassesThat(resideInAPackage("dev.moat"))
                .check(main);
    }

    @Test
    void theSharedPackagesImportNoFeature() {
        classes()
                .that(resideInAnyPackage(SHARED))
                .should()
                .onlyDependOnClassesThat(not(resideInAPackage("dev.moat..")).or(resideInAnyPackage(SHARED)))
                .check(main);
    }

    @Test
    void theIndexKnowsOnlyItsOwnValuesUsersAndProblems() {
        classes()
                .that(resideInAPackage("dev.moat.index.."))
                .should()
                .onlyDependOnClassesThat(not(resideInAPackage("dev.moat.."))
                        .or(resideInAnyPackage(
                                "dev.moat.index..", "dev.moat.user..", "dev.moat.problem..", "dev.moat.config..")))
                .check(main);
    }

    @Test
    void theProblemPackageImportsNothingOfMoat() {
        classes()
                .that(resideInAPackage("dev.moat.problem.."))
                .should()
                .onlyDependOnClassesThat(not(resideInAPackage("dev.moat..")).or(resideInAPackage("dev.moat.problem..")))
                .check(main);
    }

    @Test
    void memoryCallsNoModel() {
        noClasses()
                .that(resideInAPackage("dev.moat.memory.."))
                .should()
                .dependOnClassesThat(resideInAnyPackage("dev.moat.provider..", "dev.moat.extraction.."))
                .check(main);
    }
}
