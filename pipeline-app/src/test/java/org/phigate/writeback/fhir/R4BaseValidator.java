package org.phigate.writeback.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import java.util.List;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.PrePopulatedValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** HAPI's validator against the R4 base profiles, for the resources write-back builds and the EHR hands back. */
public final class R4BaseValidator {
  private static final FhirValidator VALIDATOR = build();

  private R4BaseValidator() {}

  private static FhirValidator build() {
    FhirContext ctx = FhirContext.forR4Cached();
    // HAPI's R4 package carries THO as of 2019: AIAST came later, so the tests add that one code (see the file)
    PrePopulatedValidationSupport newerTerminology = new PrePopulatedValidationSupport(ctx);
    newerTerminology.addCodeSystem(ctx.newJsonParser().parseResource(CodeSystem.class,
        R4BaseValidator.class.getResourceAsStream("/writeback/v3-ObservationValue-AIAST.json")));
    ValidationSupportChain chain = new ValidationSupportChain(newerTerminology,
        new DefaultProfileValidationSupport(ctx),
        new SnapshotGeneratingValidationSupport(ctx), new InMemoryTerminologyServerValidationSupport(ctx),
        new CommonCodeSystemsTerminologyService(ctx));
    return ctx.newValidator().registerValidatorModule(new FhirInstanceValidator(chain));
  }

  /** The ERROR and FATAL messages of validating resource, each as severity, location and message. */
  public static List<SingleValidationMessage> errors(IBaseResource resource) {
    return VALIDATOR.validateWithResult(resource).getMessages().stream()
        .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
        .toList();
  }

  /** One line per message: severity, location, message. */
  public static String describe(SingleValidationMessage m) {
    return m.getSeverity() + " " + m.getLocationString() + ": " + m.getMessage();
  }
}
