package org.phigate.writeback;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.hl7.fhir.instance.model.api.IBaseOperationOutcome;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * An EHR's OperationOutcome reduced to what may travel in dead letters, audit events and logs: per issue its
 * severity, code and first details coding code ({@code error|invalid|MSG_PARAM_INVALID}), never its text, diagnostics
 * or expression, which can quote the patient. For every {@link EhrWriter} implementation.
 */
public final class OperationOutcomeCodes {
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_.:-]{1,64}");

  private OperationOutcomeCodes() {}

  /** The issues' codes; empty when the answer holds no R4 OperationOutcome. */
  public static List<String> of(IBaseOperationOutcome answer) {
    List<String> codes = new ArrayList<>();
    if (answer instanceof OperationOutcome outcome) {
      for (OperationOutcome.OperationOutcomeIssueComponent issue : outcome.getIssue()) {
        String details = issue.getDetails().getCoding().stream().map(Coding::getCode).filter(c -> c != null)
            .findFirst().map(OperationOutcomeCodes::codeOnly).orElse("");
        codes.add((issue.getSeverity() == null ? "" : issue.getSeverity().toCode()) + "|"
            + (issue.getCode() == null ? "" : issue.getCode().toCode()) + "|" + details);
      }
    }
    return codes;
  }

  /** A server-chosen code kept only when it looks like a code: anything else could be text, so it is dropped. */
  private static String codeOnly(String code) {
    return CODE.matcher(code).matches() ? code : "non-code";
  }
}
