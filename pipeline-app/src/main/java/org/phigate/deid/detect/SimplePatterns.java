package org.phigate.deid.detect;

import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;

/** Single-pattern detectors with their validators: email, URL, IPv4, SSN, PO box. */
public final class SimplePatterns {
  private SimplePatterns() {}

  public static RegexDetector email() {
    return new RegexDetector("pattern:email", PhiCategory.EMAIL, Pattern.compile(
        "(?i)(?<![\\w.+-])[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+){0,8}\\.[a-z]{2,}(?![\\w-])"), 0.95);
  }

  public static RegexDetector url() {
    return new RegexDetector("pattern:url", PhiCategory.URL, Pattern.compile(
        "(?i)\\b(?:https?://|www\\.)[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]]"), 0.9);
  }

  public static RegexDetector ipv4() {
    return new RegexDetector("pattern:ipv4", PhiCategory.IP, Pattern.compile(
        "(?<![\\d.])(?:\\d{1,3}\\.){3}\\d{1,3}(?![\\d]|\\.\\d)"), 0.9, SimplePatterns::validIpv4);
  }

  public static RegexDetector ssn() {
    return new RegexDetector("pattern:ssn", PhiCategory.SSN, Pattern.compile(
        "(?<![\\d-])\\d{3}-\\d{2}-\\d{4}(?![\\d-])"), 0.9, SimplePatterns::validSsn);
  }

  public static RegexDetector poBox() {
    return new RegexDetector("pattern:po-box", PhiCategory.GEO, Pattern.compile(
        "(?i)\\bP\\.?\\s?O\\.?\\s+Box\\s+\\d+\\b"), 0.9);
  }

  static boolean validIpv4(String s) {
    for (String octet : s.split("\\.")) {
      if (octet.length() > 1 && octet.startsWith("0") || Integer.parseInt(octet) > 255) {
        return false;
      }
    }
    return true;
  }

  /** SSA rules: area not 000, 666 or 900-999; group not 00; serial not 0000. */
  static boolean validSsn(String s) {
    String d = s.replaceAll("\\D", "");
    if (d.length() != 9) {
      return false;
    }
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    return area != 0 && area != 666 && area < 900 && group != 0 && serial != 0;
  }
}
