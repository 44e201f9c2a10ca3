package org.phigate.writeback.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Resource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Bundle and resource write-back builds validates against the R4 base profiles with HAPI's validator. */
class WritebackBundleValidationTest {
  private static FhirValidator validator;
  private final WritebackBundleBuilder builder = new WritebackBundleBuilder(FhirMappings.load(),
      WritebackSamples.settings(), Clock.fixed(Instant.parse("2026-11-25T12:06:00Z"), ZoneOffset.UTC));

  @BeforeAll
  static void validator() {
    FhirContext ctx = FhirContext.forR4Cached();
    // HAPI's R4 package carries THO as of 2019: AIAST came later, so the test adds that one code (see the file)
    PrePopulatedValidationSupport newerTerminology = new PrePopulatedValidationSupport(ctx);
    newerTerminology.addCodeSystem(ctx.newJsonParser().parseResource(CodeSystem.class,
        WritebackBundleValidationTest.class.getResourceAsStream("/writeback/v3-ObservationValue-AIAST.json")));
    ValidationSupportChain chain = new ValidationSupportChain(newerTerminology,
        new DefaultProfileValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
        new CommonCodeSystemsTerminologyService(ctx));
    validator = ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  static Stream<Arguments> items() {
    return WritebackSamples.WORKFLOWS.stream()
        .flatMap(w -> Stream.of(Arguments.of(w, false), Arguments.of(w, true)));
  }

  @ParameterizedTest(name = "{0}, edited {1}")
  @MethodSource("items")
  void shouldBuildBundlesWhoseEveryResourceValidatesAgainstTheR4BaseProfiles(String workflow, boolean edited) {
    Bundle bundle = builder.build(WritebackSamples.request(workflow, "rv-valid-1", "MRN-000123", edited),
        "Patient/1");

    assertThat(errors(bundle)).as("the transaction Bundle").isEmpty();
    for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      assertThat(errors(resource)).as(resource.fhirType()).isEmpty();
    }
  }

  private static List<String> errors(Resource resource) {
    ValidationResult result = validator.validateWithResult(resource);
    return result.getMessages().stream()
        .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
        // a placeholder fullUrl is resolved by the server; outside the Bundle it cannot be
        .filter(m -> !(resource.fhirType().equals("Provenance") && m.getMessage().contains("urn:uuid")))
        .map(WritebackBundleValidationTest::describe).toList();
  }

  private static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }
}
