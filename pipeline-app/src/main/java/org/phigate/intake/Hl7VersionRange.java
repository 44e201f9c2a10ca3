package org.phigate.intake;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HL7 v2 versions (MSH-12) intake accepts: {@code 2.x-2.y} by major.minor, any patch level, so {@code 2.3-2.8}
 * admits 2.3, 2.5.1 and 2.8.3 and refuses 2.2, 2.9 and 3.0.
 */
public record Hl7VersionRange(int lowMinor, int highMinor) {
  /** The range of {@code intake.hl7.versions} when not configured. */
  public static final String DEFAULT = "2.3-2.8";
  /** What a configured range looks like (the config key's validator). */
  public static final String SYNTAX = "2\\.\\d{1,2}-2\\.\\d{1,2}";
  private static final Pattern RANGE = Pattern.compile("2\\.(\\d{1,2})-2\\.(\\d{1,2})");
  private static final Pattern VERSION = Pattern.compile("2\\.(\\d{1,2})(?:\\.\\d{1,3})?");

  public Hl7VersionRange {
    if (lowMinor > highMinor) {
      throw new IllegalArgumentException("empty HL7 version range 2." + lowMinor + "-2." + highMinor);
    }
  }

  /** The default range, 2.3 to 2.8 with every patch level. */
  public static Hl7VersionRange defaults() {
    return parse(DEFAULT);
  }

  /** A range such as {@code 2.3-2.8}. */
  public static Hl7VersionRange parse(String text) {
    Matcher m = RANGE.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      throw new IllegalArgumentException("an HL7 version range looks like 2.3-2.8");
    }
    return new Hl7VersionRange(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
  }

  /** True when MSH-12's first component (e.g. {@code 2.5.1}) lies in the range. */
  public boolean contains(String version) {
    Matcher m = VERSION.matcher(version == null ? "" : version.trim());
    if (!m.matches()) {
      return false;
    }
    int minor = Integer.parseInt(m.group(1));
    return minor >= lowMinor && minor <= highMinor;
  }

  /** The PHI-free rejection of a version outside the range. */
  public ParseResult.Rejected refusal() {
    if (equals(defaults())) {
      return ParseResult.Rejected.of(ParseResult.Reason.HL7_UNSUPPORTED_VERSION, "MSH-12");
    }
    return new ParseResult.Rejected(ParseResult.Reason.HL7_UNSUPPORTED_VERSION.name(), "MSH-12",
        "HL7 v2 version (MSH-12) is missing or outside the accepted range " + this + " (intake.hl7.versions)");
  }

  @Override
  public String toString() {
    return "2." + lowMinor + "-2." + highMinor;
  }
}
