package org.phigate.deid.redact;

import java.util.Locale;
import java.util.regex.Pattern;
import org.phigate.deid.detect.NameParts;
import org.phigate.schema.PhiCategory;
import org.phigate.security.Pseudonymizer;

/**
 * The form of a value that is tokenized, so renderings of one identifier share a token: names as "given family"
 * ("Quixtrot, Zebulonia", "QUIXTROT^ZEBULONIA^M" and "Zebulonia Quixtrot" alike), phone numbers as their ten digits,
 * record numbers as their letters and digits (first HL7 component).
 */
final class TokenKeys {
  private static final Pattern NOT_ALNUM = Pattern.compile("[^\\p{Alnum}]");
  private static final Pattern NOT_DIGIT = Pattern.compile("\\D");

  private TokenKeys() {}

  static String of(PhiCategory category, String value) {
    String key = switch (category) {
      case NAME -> NameParts.parse(value).canonical();
      case PHONE, FAX -> phoneDigits(value);
      case SSN, MRN, HEALTH_PLAN_ID, ACCOUNT, LICENSE, VEHICLE_ID, DEVICE_ID, OTHER_ID ->
          NOT_ALNUM.matcher(firstComponent(value)).replaceAll("").toLowerCase(Locale.ROOT);
      default -> "";
    };
    return key.isBlank() ? Pseudonymizer.normalize(value) : key;
  }

  private static String phoneDigits(String value) {
    String digits = NOT_DIGIT.matcher(firstComponent(value)).replaceAll("");
    return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
  }

  /** The value up to its first HL7 component separator. */
  private static String firstComponent(String value) {
    int end = value.indexOf('^');
    return end < 0 ? value : value.substring(0, end);
  }
}
