package org.phigate.intake;

import java.util.HashSet;
import java.util.Set;

/** HL7 v2 delimiters: which field separator (MSH-1) and encoding characters (MSH-2) a message may declare. */
public final class Hl7Encoding {
  private Hl7Encoding() {}

  /**
   * True when MSH-1 and MSH-2 are 5 or 6 distinct printable ASCII characters (0x21-0x7E) that are neither letters
   * nor digits: a control character, a byte above 0x7E or a space cannot delimit an HL7 v2 message.
   */
  public static boolean valid(char fs, String enc) {
    if (!delimiter(fs) || enc.length() < 4 || enc.length() > 5) {
      return false;
    }
    Set<Character> seen = new HashSet<>();
    seen.add(fs);
    for (char c : enc.toCharArray()) {
      if (!delimiter(c) || !seen.add(c)) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} split at every {@code sep}, empty parts kept (as {@code split(quote(sep), -1)}, without a regex). */
  public static String[] split(String s, char sep) {
    java.util.List<String> parts = new java.util.ArrayList<>();
    int from = 0;
    for (int i = s.indexOf(sep); i >= 0; i = s.indexOf(sep, from)) {
      parts.add(s.substring(from, i));
      from = i + 1;
    }
    parts.add(s.substring(from));
    return parts.toArray(new String[0]);
  }

  private static boolean delimiter(char c) {
    return c >= 0x21 && c <= 0x7E && !Character.isLetterOrDigit(c);
  }
}
