package org.phigate.intake.rules;

import java.util.List;
import org.phigate.schema.PhiCategory;

/**
 * One FHIR rule: a path in PHIGate's FHIRPath subset, and what a matching element is. {@code category} null with
 * {@code text} false makes a party rule (sets the party below it); {@code text} true sends the element to the
 * detectors; {@code method} null means the workflow policy decides by category.
 */
public record FhirRule(String path, String nodeType, List<String> steps, PhiCategory category, boolean text,
    String party, RuleMethod method, String note) {

  public static final String INHERIT = "inherit";
  public static final String BY_REFERENCE = "byReference";
  /** Matches any resource type as the first step, like Microsoft's {@code Resource.id}. */
  public static final String ANY_RESOURCE = "Resource";

  public FhirRule {
    steps = steps == null ? List.of() : List.copyOf(steps);
  }

  /** Sets the party of everything below the matched element; extracts nothing itself. */
  public boolean partyOnly() {
    return category == null && !text && method != RuleMethod.KEEP;
  }

  /** Not PHI for PHIGate: the element is not extracted and the walk does not go below it. */
  public boolean kept() {
    return method == RuleMethod.KEEP;
  }

  /**
   * Whether this rule's path selects an element.
   *
   * @param fhirType      the element's FHIR type ({@code HumanName}, {@code dateTime})
   * @param resourceSteps the element's path from its resource: resource type, then for each step the base name and
   *                      the concrete name of a choice ({@code valueString}) or the same name twice
   */
  public boolean matches(String fhirType, List<String[]> resourceSteps) {
    if (nodeType != null) {
      return nodeType.equals(fhirType);
    }
    if (resourceSteps.size() != steps.size()) {
      return false;
    }
    String resource = resourceSteps.get(0)[0];
    if (!steps.get(0).equals(resource) && !ANY_RESOURCE.equals(steps.get(0))) {
      return false;
    }
    for (int i = 1; i < steps.size(); i++) {
      String[] names = resourceSteps.get(i);
      if (!steps.get(i).equals(names[0]) && !steps.get(i).equals(names[1])) {
        return false;
      }
    }
    return true;
  }
}
