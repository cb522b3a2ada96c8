package dev.rapport.standalone;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.axonframework.spring.stereotype.Aggregate;
import org.junit.jupiter.api.Test;

/** The module boundaries, checked on the compiled classes of every module. */
class ArchitectureTest {

    private static final JavaClasses RAPPORT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.rapport");

    @Test
    void eventsDependOnNothingButTheJdkAndEachOther() {
        classes().that().resideInAPackage("dev.rapport.events..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.rapport.events..", "java..")
                .because("the event records are the contract between the sides and with data teams: no framework in them")
                .check(RAPPORT);
    }

    @Test
    void theQuerySideNeverImportsTheCommandSide() {
        noClasses().that().resideInAPackage("dev.rapport.query..")
                .should().dependOnClassesThat().resideInAPackage("dev.rapport.command..")
                .check(RAPPORT);
    }

    @Test
    void theCommandSideNeverImportsTheQuerySide() {
        noClasses().that().resideInAPackage("dev.rapport.command..")
                .should().dependOnClassesThat().resideInAPackage("dev.rapport.query..")
                .check(RAPPORT);
    }

    @Test
    void thePlatformKnowsNoDomain() {
        noClasses().that().resideInAPackage("dev.rapport.platform..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.rapport.command..", "dev.rapport.query..", "dev.rapport.events..")
                .check(RAPPORT);
    }

    @Test
    void aggregatesArePackagePrivateBehindTheirCommands() {
        classes().that().areAnnotatedWith(Aggregate.class)
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .andShould().resideInAPackage("dev.rapport.command..")
                .check(RAPPORT);
    }
}
