package org.phigate.deid.redact;

import java.util.Locale;
import org.phigate.deid.detect.NameParts;
import org.phigate.schema.PhiCategory;
import org.phigate.security.Pseudonymizer;

/**
 * The form of a value that is tokenized, so renderings of one identifier share a token: names as "given family"
 * ("Quixtrot, Zebulonia", "QUIXTROT^ZEBULONIA^M" and "Zebulonia Quixtrot" alike), phone numbers as their ten digits,
 * record numbers as their letters and digits (first HL7 component).
 */
final class TokenKeys {
  private TokenKeys() {}

  static String of(PhiCategory category, String value) {
    String key = switch (category) {
      case NAME -> NameParts.parse(value).canonical();
      case PHONE, FAX -> phoneDigits(value);
      case SSN, MRN, HEALTH_PLAN_ID, ACCOUNT, LICENSE, VEHICLE_ID, DEVICE_ID, OTHER_ID ->
          value.split("\\^", -1)[0].replaceAll("[^\\p{Alnum}]", "").toLowerCase(Locale.ROOT);
      default -> "";
    };
    return key.isBlank() ? Pseudonymizer.normalize(value) : key;
  }

  private static String phoneDigits(String value) {
    String digits = value.split("\\^", -1)[0].replaceAll("\\D", "");
    return digits.length() == 11 && digits.startsWith("1") ? digits.substring(1) : digits;
  }
}
