package org.phigate.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Dependency rules that keep the trust zones apart in code, not only in broker ACLs. */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.phigate");

  @Test
  void inferenceShouldNotDependOnPhiZoneCodeOrKeys() {
    noClasses().that().resideInAPackage("org.phigate.inference..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid..",
            "org.phigate.security..", "org.phigate.writeback..")
        .because("the inference zone reads no PHI topic and holds no key (DESIGN non-negotiable 1)")
        .check(CLASSES);
  }

  @Test
  void inferenceShouldNotTouchPhiBearingSchemaTypes() {
    noClasses().that().resideInAPackage("org.phigate.inference..")
        .should().dependOnClassesThat().haveSimpleNameStartingWith("ClinicalEvent")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("PhiContent")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("VaultEntry")
        .orShould().dependOnClassesThat().haveSimpleNameStartingWith("DetectedEvent")
        .because("only de-identified, minimum-necessary data crosses into the inference zone")
        .check(CLASSES);
  }

  @Test
  void stagesShouldNotDependOnEachOther() {
    noClasses().that().resideInAPackage("org.phigate.intake..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.deid..", "org.phigate.inference..",
            "org.phigate.review..", "org.phigate.writeback..")
        .because("stages depend on catalog, config and schemas, never on each other's internals")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.review..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid..",
            "org.phigate.inference..", "org.phigate.writeback..", "org.phigate.security..")
        .because("the review hold sees tokens only and needs no key")
        .check(CLASSES);
  }

  @Test
  void sharedFoundationsShouldNotDependOnStages() {
    noClasses().that().resideInAnyPackage("org.phigate.catalog..", "org.phigate.config..",
            "org.phigate.registry..", "org.phigate.security..", "org.phigate.schema..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid..",
            "org.phigate.inference..", "org.phigate.review..", "org.phigate.writeback..", "org.phigate.cli..",
            "org.phigate.demo..")
        .because("dependencies point inward")
        .check(CLASSES);
  }
}
