package org.phigate.intake.rest;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.CapabilityStatementRestResourceComponent;
import org.hl7.fhir.r4.model.CapabilityStatement.RestfulCapabilityMode;
import org.hl7.fhir.r4.model.CapabilityStatement.SystemRestfulInteraction;
import org.hl7.fhir.r4.model.CapabilityStatement.TypeRestfulInteraction;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Enumerations.FHIRVersion;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.OperationOutcome.IssueSeverity;
import org.hl7.fhir.r4.model.OperationOutcome.IssueType;
import org.hl7.fhir.r4.model.Resource;

/** The FHIR resources the REST intake endpoint answers with: OperationOutcomes and its CapabilityStatement. */
final class OperationOutcomes {
  /** Resource types the intake normalizes with specific rules (others are accepted and kept as narrative text). */
  static final String[] TYPES = {"Patient", "Communication", "DocumentReference", "DiagnosticReport", "Observation",
      "Encounter", "Composition", "Binary", "Bundle"};

  private OperationOutcomes() {}

  static OperationOutcome of(IssueSeverity severity, IssueType type, String diagnostics, String expression) {
    OperationOutcome outcome = new OperationOutcome();
    OperationOutcome.OperationOutcomeIssueComponent issue = outcome.addIssue().setSeverity(severity).setCode(type)
        .setDiagnostics(diagnostics);
    if (expression != null && !expression.isBlank()) {
      issue.addExpression(expression);
    }
    return outcome;
  }

  static CapabilityStatement capabilities(String softwareVersion) {
    CapabilityStatement cs = new CapabilityStatement();
    cs.setStatus(PublicationStatus.ACTIVE).setDateElement(new DateTimeType("2026-01-01"))
        .setKind(CapabilityStatement.CapabilityStatementKind.INSTANCE).setFhirVersion(FHIRVersion._4_0_1)
        .setDescription("PHIGate FHIR R4 intake: create and transaction/batch submissions are accepted with 202 once "
            + "durably in Kafka (phigate.intake.raw); nothing can be read back.");
    cs.getSoftware().setName("PHIGate intake").setVersion(softwareVersion);
    cs.addFormat("json").addFormat("xml").addFormat("application/fhir+json").addFormat("application/fhir+xml");
    CapabilityStatementRestComponent rest = cs.addRest().setMode(RestfulCapabilityMode.SERVER);
    rest.addInteraction().setCode(SystemRestfulInteraction.TRANSACTION);
    rest.addInteraction().setCode(SystemRestfulInteraction.BATCH);
    for (String type : TYPES) {
      CapabilityStatementRestResourceComponent resource = rest.addResource().setType(type);
      resource.addInteraction().setCode(TypeRestfulInteraction.CREATE);
    }
    return cs;
  }

  static String encode(Resource resource, boolean xml) {
    FhirContext context = FhirContext.forR4Cached();
    return (xml ? context.newXmlParser() : context.newJsonParser()).encodeResourceToString(resource);
  }
}
