package org.phigate.topology;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Dependency rules that keep the trust zones apart in code, not only in broker ACLs, and keep the architecture
 * readable: no package cycles, stages that do not reach into each other, wiring and tools on top.
 */
class ArchitectureTest {
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar")) // pipeline-app's shared test fixtures
      .importPackages("org.phigate");

  /** What `phigate run` deploys besides the stages: shared foundations every stage may use. */
  private static final String[] FOUNDATIONS = {"org.phigate.catalog..", "org.phigate.config..",
      "org.phigate.registry..", "org.phigate.security..", "org.phigate.schema..", "org.phigate.streams..",
      "org.phigate.gazetteer.."};
  /** Stand-ins and developer tools (phigate-testkit, phigate-tools): never below production code. */
  private static final String[] TOOLING = {"org.phigate.embedded..", "org.phigate.demo..", "org.phigate.bench..",
      "org.phigate.tools..", "org.phigate.deid.corpus..", "org.phigate.deid.eval..", "org.phigate.deid.tools.."};

  @Test
  void shouldHaveNoPackageCycles() {
    slices().matching("org.phigate.(**)").should().beFreeOfCycles()
        .because("a newcomer reads the code bottom-up: schemas and foundations, then each stage, then the wiring "
            + "(runtime) and the command line; a cycle makes two packages one")
        .check(CLASSES);
  }

  @Test
  void inferenceShouldNotDependOnPhiZoneCodeOrKeys() {
    noClasses().that().resideInAPackage("org.phigate.inference..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid..",
            "org.phigate.security..", "org.phigate.writeback..", "org.phigate.review..")
        .because("the inference zone reads no PHI topic and holds no key: no intake, deid, vault or crypto type "
            + "(DESIGN non-negotiable 1)")
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
  void onlyWritebackShouldReadTheVault() {
    noClasses().that().resideOutsideOfPackages("org.phigate.writeback..", "org.phigate.deid.vault..",
            "org.phigate.runtime..", "org.phigate.review.api..")
        .should().dependOnClassesThat().resideInAPackage("org.phigate.deid.vault..")
        .because("re-identification is the riskiest read of PHI: only the write-back role and the review role's "
            + "reviewer API (a reviewer's audited view of the source message) hold the vault key")
        .check(CLASSES);
  }

  @Test
  void stagesShouldNotDependOnEachOther() {
    noClasses().that().resideInAPackage("org.phigate.intake..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.deid..", "org.phigate.inference..",
            "org.phigate.review..", "org.phigate.writeback..")
        .because("stages depend on catalog, config and schemas, never on each other's internals")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.deid..")
        .and().resideOutsideOfPackages("org.phigate.deid.cli..", "org.phigate.deid.tools..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.inference..",
            "org.phigate.review..", "org.phigate.writeback..")
        .because("de-identification works on normalized events, whatever edge they came from")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.review..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.inference..",
            "org.phigate.writeback..", "org.phigate.deid", "org.phigate.deid.detect..", "org.phigate.deid.redact..",
            "org.phigate.deid.known..", "org.phigate.deid.policy..", "org.phigate.deid.notes..",
            "org.phigate.deid.cli..")
        .because("the review role needs nothing of the stages before or after it, except the vault's "
            + "re-identification for the reviewer API")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.review..").and().resideOutsideOfPackage("org.phigate.review.api..")
        .should().dependOnClassesThat().resideInAPackage("org.phigate.deid..")
        .because("only the reviewer API re-identifies (audited); the hold works on tokens")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.review..").and().resideOutsideOfPackage("org.phigate.review.api..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.security..")
        .because("the review hold needs no data key; only the reviewer API seals the text a reviewer types "
            + "(crypto.review.key)")
        .check(CLASSES);
    noClasses().that().resideInAPackage("org.phigate.writeback..")
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid.detect..",
            "org.phigate.deid.redact..", "org.phigate.deid.known..", "org.phigate.inference..",
            "org.phigate.review..")
        .because("write-back needs the approved item and the vault, nothing of the stages before it")
        .check(CLASSES);
  }

  @Test
  void sharedFoundationsShouldNotDependOnStages() {
    noClasses().that().resideInAnyPackage(FOUNDATIONS)
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.intake..", "org.phigate.deid..",
            "org.phigate.inference..", "org.phigate.review..", "org.phigate.writeback..", "org.phigate.audit..",
            "org.phigate.runtime..", "org.phigate.cli..")
        .because("dependencies point inward")
        .check(CLASSES);
  }

  @Test
  void complianceCheckShouldOnlyBeUsedByTheCommandLine() {
    noClasses().that().resideOutsideOfPackages("org.phigate.compliance..", "org.phigate.cli..")
        .should().dependOnClassesThat().resideInAPackage("org.phigate.compliance..")
        .because("the compliance check reads a deployment from above (config, roles, ACL plan) and changes nothing")
        .check(CLASSES);
  }

  @Test
  void wiringAndCommandLineShouldSitOnTop() {
    noClasses().that().resideOutsideOfPackages("org.phigate.runtime..", "org.phigate.cli..",
            "org.phigate.compliance..")
        .and().resideOutsideOfPackages(TOOLING)
        .should().dependOnClassesThat().resideInAnyPackage("org.phigate.runtime..", "org.phigate.cli..")
        .because("runtime wires the stages into roles and the CLI starts them; no stage knows how it is deployed")
        .check(CLASSES);
  }

  @Test
  void productionCodeShouldNotDependOnStandInsOrTools() {
    noClasses().that().resideOutsideOfPackages(TOOLING)
        .should().dependOnClassesThat().resideInAnyPackage(TOOLING)
        .because("what `phigate run` loads holds no broker, no in-memory registry or EHR, no corpus generator "
            + "(STYLE 14: stand-ins live apart from production)")
        .check(CLASSES);
  }
}
