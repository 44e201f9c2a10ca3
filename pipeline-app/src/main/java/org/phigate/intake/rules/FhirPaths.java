package org.phigate.intake.rules;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PHIGate's FHIRPath subset for rule paths. Supported: {@code nodesByType('T')}; {@code Type.elem.elem} where Type is
 * a resource type or {@code Resource}, element names without indexes (a choice by base or concrete name), an optional
 * trailing {@code .*}. Rejected with a reason: functions, indexes, {@code as}/{@code is}, unions, wildcards elsewhere.
 */
final class FhirPaths {
  private static final Pattern NODES_BY_TYPE = Pattern.compile("nodesByType\\('([A-Za-z][A-Za-z0-9]*)'\\)");
  private static final Pattern TYPE = Pattern.compile("[A-Z][A-Za-z0-9]*");
  private static final Pattern ELEMENT = Pattern.compile("[a-z][A-Za-z0-9]*");

  private FhirPaths() {}

  /** The parsed path: a node type (steps empty) or steps (type null). */
  record Parsed(String nodeType, List<String> steps) {}

  /** Parses a rule path; the exception's message says what is wrong (never quoting more than the path). */
  static Parsed parse(String path) {
    String p = path.strip();
    if (p.isEmpty()) {
      throw new IllegalArgumentException("empty path");
    }
    Matcher m = NODES_BY_TYPE.matcher(p);
    if (m.matches()) {
      return new Parsed(m.group(1), List.of());
    }
    if (p.startsWith("nodesByType(")) {
      throw new IllegalArgumentException("nodesByType('Type') must stand alone (no element after it), "
          + "with one quoted type name");
    }
    if (p.contains(" as ") || p.contains(" is ")) {
      throw new IllegalArgumentException("type casts (as/is) are not supported; name the concrete choice "
          + "element instead, e.g. Observation.valueString");
    }
    if (p.contains("|")) {
      throw new IllegalArgumentException("unions (|) are not supported; write one rule per path");
    }
    if (p.contains("[") || p.contains("]")) {
      throw new IllegalArgumentException("indexes are not supported; a path selects every repetition");
    }
    if (p.contains("(")) {
      throw new IllegalArgumentException("functions other than nodesByType('Type') are not supported");
    }
    if (p.endsWith(".*")) {
      p = p.substring(0, p.length() - 2);
    }
    List<String> steps = List.of(p.split("\\.", -1));
    if (!TYPE.matcher(steps.get(0)).matches()) {
      throw new IllegalArgumentException("a path starts with a resource type (or Resource), e.g. Patient.name");
    }
    for (int i = 1; i < steps.size(); i++) {
      if (!ELEMENT.matcher(steps.get(i)).matches()) {
        throw new IllegalArgumentException("step " + (i + 1) + " is not an element name (letters and digits, "
            + "starting lower-case)" + ("*".equals(steps.get(i)) ? "; * only as the last step" : ""));
      }
    }
    return new Parsed(null, steps);
  }
}
