package org.vectorindex.jobs.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.flink.annotation.Internal;
import org.apache.flink.annotation.PublicEvolving;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The library's shape, checked on the main classes of every module: the module direction jobs →
 * connectors → operators → state, no package cycles, and no library code (state, operators) that
 * looks for the benchmark data under {@code ../shared}.
 */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main =
                new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        // The other modules' test jars, as the reactor hands them over.
                        .withImportOption(location -> !location.contains("-tests.jar"))
                        .importPackages("org.vectorindex");
    }

    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture()
                .consideringOnlyDependenciesInLayers()
                .layer("jobs")
                .definedBy("org.vectorindex.jobs..")
                .layer("connectors")
                .definedBy("org.vectorindex.connectors..")
                .layer("operators")
                .definedBy("org.vectorindex.operators..")
                .layer("state")
                .definedBy("org.vectorindex.state..")
                .whereLayer("jobs")
                .mayNotBeAccessedByAnyLayer()
                .whereLayer("connectors")
                .mayOnlyBeAccessedByLayers("jobs")
                .whereLayer("operators")
                .mayOnlyBeAccessedByLayers("connectors", "jobs")
                .whereLayer("state")
                .mayOnlyBeAccessedByLayers("operators", "connectors", "jobs")
                .check(main);
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().assignedFrom(EACH_PACKAGE).should().beFreeOfCycles().check(main);
    }

    /**
     * Every public class of the library modules says who may use it: {@code @PublicEvolving} for
     * the front door (the builder and the record model), {@code @Internal} for the rest.
     */
    @Test
    void libraryClassesDeclareTheirAudience() {
        classes()
                .that()
                .resideInAnyPackage(
                        "org.vectorindex.state..",
                        "org.vectorindex.operators..",
                        "org.vectorindex.connectors..")
                .and()
                .arePublic()
                .and()
                .areTopLevelClasses()
                .should()
                .beAnnotatedWith(Internal.class)
                .orShould()
                .beAnnotatedWith(PublicEvolving.class)
                .check(main);
    }

    @Test
    void libraryCodeNeverReadsTheSharedData() {
        classes()
                .that()
                .resideInAnyPackage("org.vectorindex.state..", "org.vectorindex.operators..")
                .should(notMention("../shared", "shared/data"))
                .check(main);
    }

    private static final SliceAssignment EACH_PACKAGE =
            new SliceAssignment() {
                @Override
                public SliceIdentifier getIdentifierOf(JavaClass c) {
                    return SliceIdentifier.of(c.getPackageName());
                }

                @Override
                public String getDescription() {
                    return "each package";
                }
            };

    /** String constants are not in ArchUnit's model, so this reads the class file itself. */
    private static ArchCondition<JavaClass> notMention(String... needles) {
        return new ArchCondition<>("not mention " + String.join(" or ", needles)) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String bytes = classFile(c);
                for (String needle : needles) {
                    if (bytes.contains(needle)) {
                        events.add(
                                SimpleConditionEvent.violated(
                                        c, c.getName() + " mentions \"" + needle + "\""));
                    }
                }
            }
        };
    }

    private static String classFile(JavaClass c) {
        String resource = c.getName().replace('.', '/') + ".class";
        try (InputStream in =
                ArchitectureTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
