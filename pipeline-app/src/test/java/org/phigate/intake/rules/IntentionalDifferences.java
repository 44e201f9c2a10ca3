package org.phigate.intake.rules;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Paths Microsoft's sample config de-identifies that PHIGate handles differently on purpose, by reason. Common
 * ground: only what a rule extracts reaches the de-identified event; everything else stays sealed in the PHI zone,
 * so "not extracted" means dropped, which is at least as strict as redact.
 */
final class IntentionalDifferences {
  private IntentionalDifferences() {}

  static final String IDS = "Resource ids, entry URLs and literal references are not extracted: they stay in the "
      + "sealed original; the de-identified event is keyed by PHIGate's event id and keyed-HMAC patient token, so "
      + "there is nothing to cryptoHash.";
  static final String DATES = "Clinical event dates are not extracted, so they are dropped (stricter than "
      + "dateshift); PHIGate extracts the dates that identify: birth, death, encounter period, HL7 admit/discharge. "
      + "A site that wants shifted clinical dates forwarded adds nodesByType('dateTime') with method dateShift.";
  static final String AGES = "Structured ages are not extracted (dropped); ages over 89 in free text are "
      + "generalized to 90+ by the detectors.";
  static final String TEXT = "Descriptive or administrative content the workflows do not use: not extracted, so "
      + "dropped from the de-identified event. A site that needs one forwards it de-identified with a TEXT rule.";
  static final String CODES = "Codes and their display text are clinical content, not identifiers: not extracted "
      + "(dropped); what a workflow needs of them comes through narratives and text parts, scanned by the detectors.";
  static final String EXTENSIONS = "Extensions are walked and the type rules apply inside them (us-core birthPlace "
      + "becomes a GEO field); any other extension value is not extracted (dropped).";
  static final String BINARY = "Binary.data and Attachment.data of text content types go to the detectors; other "
      + "binary content is not extracted (dropped).";
  static final String PAYLOAD = "A text payload goes to the detectors (de-identified text is what the message and "
      + "note workflows are for); attachments follow the Attachment rule, contentReference the Reference rule.";
  static final String UDI = "The identifying parts of a UDI carrier (deviceIdentifier, carrierHRF) are DEVICE_ID "
      + "rules; issuer, jurisdiction and entry type identify no one and the AIDC barcode is binary (dropped).";

  static final String POSITION = "A facility's coordinates identify no patient, and as a known value they would mask "
      + "matching numbers (lab values) in notes: not extracted (dropped).";

  static final Map<String, List<String>> BY_REASON = Map.of(
      POSITION, List.of("Location.position"),
      IDS, List.of("Resource.id", "Bundle.entry.fullUrl", "Bundle.entry.request.url",
          "Bundle.entry.response.location", "nodesByType('Reference').reference"),
      DATES, List.of("nodesByType('date')", "nodesByType('dateTime')", "nodesByType('instant')",
          "AllergyIntolerance.onset", "Condition.onset", "Condition.abatement", "Procedure.performed",
          "Immunization.occurrence", "CarePlan.activity.detail.scheduled", "RequestGroup.action.timing",
          "FamilyMemberHistory.condition.onset"),
      AGES, List.of("nodesByType('Age')", "FamilyMemberHistory.age", "FamilyMemberHistory.condition.onset as Age"),
      CODES, List.of("nodesByType('CodeableConcept').text", "nodesByType('Coding').display",
          "nodesByType('Coding').code", "nodesByType('Expression').description",
          "nodesByType('Expression').expression"),
      EXTENSIONS, List.of("nodesByType('Extension')"),
      BINARY, List.of("nodesByType('base64Binary')"),
      PAYLOAD, List.of("Communication.payload", "CommunicationRequest.payload"),
      UDI, List.of("Device.udiCarrier"),
      TEXT, List.of("PractitionerRole.notAvailable.description", "PractitionerRole.availabilityExceptions",
          "Group.name", "Group.characteristic.value", "HealthcareService.comment",
          "HealthcareService.availabilityExceptions", "HealthcareService.extraDetails",
          "HealthcareService.eligibility.comment", "HealthcareService.notAvaliable.description", "Endpoint.name",
          "Location.description", "Location.availabilityExceptions", "Substance.description", "Device.deviceName",
          "Task.description", "Task.input.value", "Task.output.value", "Appointment.description",
          "Appointment.comment", "Appointment.patientInstruction", "AppointmentResponse.comment", "Schedule.comment",
          "Slot.comment", "VerificationResult.attestation.sourceIdentityCertificate",
          "VerificationResult.attestation.proxyIdentityCertificate", "List.title", "Library.publisher",
          "Library.usage", "AllergyIntolerance.reaction.description",
          "AdverseEvent.suspectEntity.causality.productRelatedness", "ClinicalImpression.description",
          "ClinicalImpression.summary", "ClinicalImpression.finding.basis", "DetectedIssue.detail",
          "Observation.referenceRange", "Media.deviceName", "DiagnosticReport.media.comment",
          "Specimen.processing.description", "Specimen.container.description", "BodyStructure.description",
          "ImagingStudy.description", "ImagingStudy.series.description", "ImagingStudy.series.instance.title",
          "QuestionnaireResponse.item.text", "QuestionnaireResponse.item.answer", "QuestionnaireResponse.item.item",
          "MedicationAdministration.dosage.text", "ImmunizationEvaluation.description",
          "ImmunizationRecommendation.recommendation.description", "CarePlan.title", "CarePlan.description",
          "CarePlan.activity.detail.description", "CareTeam.name", "Goal.statusReason", "Goal.target.detail",
          "ServiceRequest.patientInstruction", "NutritionOrder.oralDiet.instruction",
          "NutritionOrder.supplement.instruction", "NutritionOrder.enteralFormula.administrationInstruction",
          "RiskAssessment.prediction.rationale", "RiskAssessment.mitigation", "RequestGroup.action.prefix",
          "RequestGroup.action.title", "RequestGroup.action.description", "RequestGroup.action.textEquivalent",
          "RequestGroup.action.action", "Coverage.class.value", "Coverage.class.name", "Coverage.network",
          "CoverageEligibilityRequest.insurance.businessArrangement", "CoverageEligibilityResponse.disposition",
          "CoverageEligibilityResponse.insurance.item.name", "CoverageEligibilityResponse.insurance.item.description",
          "CoverageEligibilityResponse.insurance.item.benefit.allowed",
          "CoverageEligibilityResponse.insurance.item.benefit.used", "CoverageEligibilityResponse.preAuthRef",
          "EnrollmentResponse.disposition", "Claim.supportingInfo.value", "Claim.insurance.businessArrangement",
          "Claim.insurance.preAuthRef", "ClaimResponse.disposition", "ClaimResponse.preAuthRef",
          "ClaimResponse.processNote.text", "ClaimResponse.insurance.businessArrangement", "Invoice.cancelledReason",
          "PaymentReconciliation.disposition", "PaymentReconciliation.processNote.text", "Account.description",
          "ChargeItem.overrideReason", "ChargeItemDefinition.title", "ChargeItemDefinition.publisher",
          "ChargeItemDefinition.applicability", "ChargeItemDefinition.propertyGroup.applicability", "Contract.name",
          "Contract.title", "Contract.subtitle", "Contract.alias", "Contract.term.text",
          "Contract.term.offer.answer.value", "Contract.term.offer.text", "Contract.term.offer.linkId",
          "Contract.term.asset.context.text", "Contract.term.asset.condition", "Contract.term.asset.text",
          "Contract.term.asset.linkId", "Contract.term.asset.answer", "Contract.term.asset.valuedItem.payment",
          "Contract.term.asset.valuedItem.linkId", "Contract.term.action.linkId",
          "Contract.term.action.contextLinkId", "Contract.term.action.requesterLinkId",
          "Contract.term.action.performerLinkId", "Contract.term.action.reason", "Contract.term.action.reasonLinkId",
          "Contract.term.group", "ExplanationOfBenefit.disposition", "ExplanationOfBenefit.preAuthRef",
          "ExplanationOfBenefit.supportingInfo.value", "ExplanationOfBenefit.insurance.preAuthRef",
          "ExplanationOfBenefit.accident.location", "ExplanationOfBenefit.item.location",
          "ExplanationOfBenefit.addItem.location", "ExplanationOfBenefit.processNote.text",
          "ExplanationOfBenefit.benefitBalance.name", "ExplanationOfBenefit.benefitBalance.description",
          "ExplanationOfBenefit.benefitBalance.financial.allowed", "InsurancePlan.name", "InsurancePlan.alias",
          "InsurancePlan.coverage.benefit.requirement", "InsurancePlan.plan.generalCost.comment",
          "nodesByType('ContactDetail').name"));

  static Map<String, String> byPath() {
    Map<String, String> out = new LinkedHashMap<>();
    BY_REASON.forEach((reason, paths) -> paths.forEach(p -> out.put(p, reason)));
    return out;
  }
}
