package org.phigate.writeback;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Only codes leave an OperationOutcome: text, diagnostics, expressions and code-shaped text do not. */
class OperationOutcomeCodesTest {
  private static final String PHI = "Zebulonia Quixtrot";

  @Test
  void shouldKeepSeverityCodeAndDetailsCodeOnly() {
    OperationOutcome outcome = new OperationOutcome();
    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.ERROR).setCode(OperationOutcome.IssueType.INVALID)
        .setDetails(new CodeableConcept(new Coding("http://hl7.org/fhir/operation-outcome", "MSG_PARAM_INVALID",
            "Parameter for " + PHI)).setText("Patient " + PHI)).setDiagnostics("name=" + PHI)
        .addExpression("Patient.name").getExpression().add(new StringType(PHI));
    outcome.addIssue().setSeverity(OperationOutcome.IssueSeverity.WARNING)
        .setCode(OperationOutcome.IssueType.PROCESSING).setDetails(new CodeableConcept(new Coding(null, PHI, null)));
    outcome.addIssue();

    assertThat(OperationOutcomeCodes.of(outcome)).containsExactly("error|invalid|MSG_PARAM_INVALID",
        "warning|processing|non-code", "||");
    assertThat(OperationOutcomeCodes.of(outcome).toString()).doesNotContain("Zebulonia");
    assertThat(OperationOutcomeCodes.of(null)).isEmpty();
  }
}
