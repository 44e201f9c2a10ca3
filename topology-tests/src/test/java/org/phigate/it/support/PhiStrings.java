package org.phigate.it.support;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.phigate.demo.SampleInput;
import org.phigate.intake.IntakeParser;
import org.phigate.intake.ParseResult;
import org.phigate.schema.StructuredField;

/**
 * The PHI strings a test fed in: every structured PHI value of the inputs (as the intake parser extracts them) and
 * each of its HL7 components, keeping those of five or more characters, which identify on their own.
 */
public final class PhiStrings {
  private PhiStrings() {}

  public static Set<String> of(List<SampleInput> inputs) {
    IntakeParser parser = new IntakeParser();
    Set<String> values = new TreeSet<>();
    for (SampleInput input : inputs) {
      if (parser.parse(input.payload(), input.contentType()) instanceof ParseResult.Parsed parsed) {
        for (StructuredField field : parsed.message().phi().getFields()) {
          add(values, field.getValue());
          for (String component : field.getValue().split("[\\^&~]")) {
            add(values, component);
          }
        }
      }
    }
    return values;
  }

  private static void add(Set<String> values, String value) {
    String trimmed = value.trim();
    if (trimmed.length() >= 5) {
      values.add(trimmed);
    }
  }

  /** The PHI strings that occur in text as whole words (not inside longer numbers or tokens). */
  public static List<String> foundIn(String text, Set<String> phi) {
    return phi.stream().filter(value -> java.util.regex.Pattern.compile("(?<![\\p{L}\\p{N}])"
        + java.util.regex.Pattern.quote(value) + "(?![\\p{L}\\p{N}])").matcher(text).find()).toList();
  }
}
