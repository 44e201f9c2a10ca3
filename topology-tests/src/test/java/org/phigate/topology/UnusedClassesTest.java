package org.phigate.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every class of the main sources (pipeline-app, testkit, tools) is used by another one or is an entry point. */
class UnusedClassesTest {
  private static final JavaClasses MAIN = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("org.phigate");

  /**
   * Started by the launcher (`phigate`, the tools jar) or by the build (the schema compatibility gate), or loaded by
   * name from configuration (the shipped NER model, {@code deid.ner.model}, and its feature generator, named in the
   * model's feature descriptor); Log4j plugins count as entry points too.
   */
  private static final Set<String> ENTRY_POINTS = Set.of("org.phigate.cli.PhigateCli",
      "org.phigate.tools.ToolsCli", "org.phigate.schemas.CompatibilityGate", "org.phigate.deid.ner.OpenNlpNerModel",
      // run by pipeline-app's build (exec-maven-plugin) to compile the prebuilt gazetteer into the jar
      "org.phigate.gazetteer.GazetteerCompiler",
      // OpenNLP loads it by name from the NER model's feature descriptor
      "org.phigate.deid.ner.LexiconFeatures");

  @Test
  void shouldHaveNoClassThatNoOtherMainClassUses() {
    classes().that().resideOutsideOfPackage("org.phigate.schema..") // Avro-generated from schemas/
        .and().areTopLevelClasses()
        .should(beUsedByAnotherMainClass())
        .because("a class that only its tests use is dead code a newcomer has to read; delete it, or give it its "
            + "caller")
        .check(MAIN);
  }

  private static ArchCondition<JavaClass> beUsedByAnotherMainClass() {
    return new ArchCondition<>("be used by another main class or be an entry point") {
      @Override
      public void check(JavaClass type, ConditionEvents events) {
        // a holder of nested types (DeidOutcomes.Routed, ...) is used when one of its nested types is
        // Log4j plugins (the log layout's converters) are loaded by name from log4j2.xml
        boolean plugin = type.isAnnotatedWith("org.apache.logging.log4j.core.config.plugins.Plugin");
        boolean used = ENTRY_POINTS.contains(type.getName()) || plugin || MAIN.stream()
            .filter(member -> topLevel(member).equals(type))
            .flatMap(member -> member.getDirectDependenciesToSelf().stream())
            .map(Dependency::getOriginClass)
            .anyMatch(origin -> !topLevel(origin).equals(type));
        if (!used) {
          events.add(SimpleConditionEvent.violated(type, type.getName() + " is used by no other main class"));
        }
      }
    };
  }

  private static JavaClass topLevel(JavaClass type) {
    JavaClass outer = type;
    while (outer.getEnclosingClass().isPresent()) {
      outer = outer.getEnclosingClass().get();
    }
    return outer;
  }
}
