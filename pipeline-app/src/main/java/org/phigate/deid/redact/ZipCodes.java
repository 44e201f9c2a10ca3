package org.phigate.deid.redact;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * Safe Harbor ZIP generalization: the first three digits, or {@code 000} where the three-digit area holds 20,000
 * people or fewer (HHS de-identification guidance, 2010 Census list).
 */
public final class ZipCodes {
  public static final Set<String> RESTRICTED_ZIP3 = Set.of("036", "059", "063", "102", "203", "556", "692", "790",
      "821", "823", "830", "831", "878", "879", "884", "890", "893");
  private static final Pattern ZIP = Pattern.compile("\\d{5}(?:-?\\d{4})?");

  private ZipCodes() {}

  /** A US ZIP or ZIP+4 and nothing else (surrounding whitespace ignored). */
  public static boolean isZip(String value) {
    return ZIP.matcher(value.strip()).matches();
  }

  public static String zip3(String zip) {
    String prefix = zip.strip().substring(0, 3);
    return RESTRICTED_ZIP3.contains(prefix) ? "000" : prefix;
  }
}
