package org.phigate.deid.corpus;

import static org.phigate.deid.corpus.CorpusValues.digits;
import static org.phigate.deid.corpus.CorpusValues.pick;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.Template.Val;

/**
 * Address blocks and contact lines as patients and foreign letterheads write them: multi-line blocks (street with
 * the house number after it, unit, city, region code, country with postcode), military mail, "the corner of X and
 * Y", one-line addresses with the city and country after the street; phone numbers in national groupings after a
 * cue or before an "office"/"fax" label; postcodes after a cue. Street and place names come from the generated
 * (partly held-out) surnames.
 */
final class AddressBlockValues {
  private static final List<String> STREET_WORDS = List.of("katu %d", "vej %d", "gata %d", "tie %d", " tér %d.",
      " u. %d.", " gate %d", "straße %d", " utca %d.");
  private static final List<String> COUNTRIES = List.of("Norway", "Finland", "Estonia", "Hungary", "Poland",
      "Portugal", "Uruguay", "Iceland", "Denmark", "Cyprus", "Slovenia", "Tunisia");
  private static final List<String> REGIONS = List.of("SK", "NI", "OV", "LN", "VE", "KA", "ZH", "EC", "OO");
  private static final List<String> UNITS = List.of("Apt. ", "Suite ", "Flat ");
  private static final List<String> STREET_CUES = List.of("the patient lives on", "she lives at",
      "he is staying at", "they moved to", "the shuttle drops her off at", "please send it to");
  private static final List<String> ENDINGS = List.of("by", "holm", "vik", "lund", "falu", "stad", "ice", "ava");

  private AddressBlockValues() {}

  /** Adds BLOCK, LINE, CUEDST and LOWST (GEO), STCUE (the plain cue before CUEDST), CPHONE and CPHONE2 (PHONE), OPHONE (PHONE), FPHONE (FAX) and PCODE (GEO). */
  static void add(Map<String, Val> v, Random rnd, NamePools names) {
    v.put("BLOCK", new Val(block(rnd, names), "GEO", "patient"));
    v.put("LINE", new Val(line(rnd, names), "GEO", "patient"));
    v.put("CUEDST", new Val(cuedStreet(rnd, names), "GEO", "patient"));
    v.put("STCUE", Val.plain(pick(rnd, STREET_CUES)));
    v.put("LOWST", new Val(lowerStreet(rnd, names), "GEO", "relative"));
    v.put("CPHONE", new Val(phone(rnd), "PHONE", "patient"));
    v.put("CPHONE2", new Val(phone(rnd), "PHONE", "relative"));
    v.put("OPHONE", new Val(phone(rnd), "PHONE", "patient"));
    v.put("FPHONE", new Val(phone(rnd), "FAX", "patient"));
    v.put("PCODE", new Val(switch (rnd.nextInt(3)) {
      case 0 -> digits(rnd, 3) + " " + digits(rnd, 2);
      case 1 -> digits(rnd, 4) + "-" + digits(rnd, 3);
      default -> String.valueOf(10000 + rnd.nextInt(89999));
    }, "GEO", "patient"));
  }

  private static String block(Random rnd, NamePools names) {
    String city = place(rnd, names);
    return switch (rnd.nextInt(5)) {
      case 0 -> "PSC " + digits(rnd, 4) + ", Box " + digits(rnd, 4) + "\nAPO " + pick(rnd, List.of("AA", "AE", "AP"))
          + " " + digits(rnd, 5);
      case 1 -> "USNS " + word(rnd, names) + "\nFPO AP " + digits(rnd, 5);
      case 2 -> street(rnd, names) + "\n" + city.toUpperCase(Locale.ROOT) + "\n, " + pick(rnd, REGIONS) + "\n "
          + digits(rnd, 5);
      default -> street(rnd, names) + "\n " + pick(rnd, UNITS) + (1 + rnd.nextInt(900)) + "\n " + city + "\n "
          + pick(rnd, COUNTRIES) + " " + digits(rnd, 5);
    };
  }

  private static String line(Random rnd, NamePools names) {
    return switch (rnd.nextInt(3)) {
      case 0 -> "the corner of " + street(rnd, names) + " and " + word(rnd, names) + " Road";
      case 1 -> street(rnd, names) + " " + pick(rnd, UNITS) + (1 + rnd.nextInt(900)) + ", " + place(rnd, names) + ", "
          + pick(rnd, COUNTRIES);
      default -> "Unit " + digits(rnd, 4) + " Box " + digits(rnd, 4) + "\nDPO AE " + digits(rnd, 5);
    };
  }

  /**
   * A street with no street word, as it follows a location cue: two name words and a house number, a number before
   * the name, a name with an initial or a particle, a lower-case name after "rue", a trailing "St.".
   */
  private static String cuedStreet(Random rnd, NamePools names) {
    int n = 1 + rnd.nextInt(2000);
    return switch (rnd.nextInt(7)) {
      case 0 -> word(rnd, names) + " " + word(rnd, names) + " " + n;
      case 1 -> digits(rnd, 5) + " " + word(rnd, names) + "ova " + (1 + rnd.nextInt(99)) + " St.";
      case 2 -> "Pod " + word(rnd, names) + "em " + n;
      case 3 -> digits(rnd, 4) + " " + (1 + rnd.nextInt(300)) + " " + word(rnd, names) + " " + word(rnd, names);
      case 4 -> (char) ('A' + rnd.nextInt(26)) + ". " + word(rnd, names) + "straat " + n;
      case 5 -> (1 + rnd.nextInt(90)) + " rue de " + word(rnd, names).toLowerCase(Locale.ROOT);
      default -> {
        String w = word(rnd, names);
        yield "Avenue " + ("AEIOUÉ".indexOf(w.charAt(0)) >= 0 ? "d'" : "de ") + w + " " + n;
      }
    };
  }

  /** A street as typed in an all-lower-case message: a street word or a number before the name. */
  private static String lowerStreet(Random rnd, NamePools names) {
    String w = word(rnd, names).toLowerCase(Locale.ROOT);
    int n = 1 + rnd.nextInt(200);
    return switch (rnd.nextInt(3)) {
      case 0 -> w + " út " + n + ".";
      case 1 -> w + " gate " + n;
      default -> digits(rnd, 4) + " " + w + " " + n;
    };
  }

  private static String street(Random rnd, NamePools names) {
    String name = word(rnd, names) + String.format(Locale.ROOT, pick(rnd, STREET_WORDS), 1 + rnd.nextInt(150));
    return rnd.nextBoolean() ? (1 + rnd.nextInt(9000)) + " " + name : name;
  }

  private static String phone(Random rnd) {
    return switch (rnd.nextInt(8)) {
      case 0 -> digits(rnd, 2) + "-" + digits(rnd, 2) + "-" + digits(rnd, 2) + "-" + digits(rnd, 2);
      case 1 -> (2 + rnd.nextInt(8)) + digits(rnd, 2) + " " + digits(rnd, 4);
      case 2 -> (2 + rnd.nextInt(8)) + digits(rnd, 3) + " " + digits(rnd, 4);
      case 3 -> "(" + digits(rnd, 2) + ") " + (2 + rnd.nextInt(8)) + digits(rnd, 3) + "-" + digits(rnd, 4);
      case 4 -> digits(rnd, 2) + " " + digits(rnd, 3) + " " + digits(rnd, 3) + " " + digits(rnd, 4);
      case 5 -> digits(rnd, 2) + " " + digits(rnd, 6);
      case 6 -> (2 + rnd.nextInt(8)) + digits(rnd, 2) + "." + digits(rnd, 3) + "." + digits(rnd, 4) + "x"
          + digits(rnd, 3);
      default -> (2 + rnd.nextInt(8)) + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 3);
    };
  }

  private static String place(Random rnd, NamePools names) {
    return word(rnd, names) + pick(rnd, ENDINGS);
  }

  static String word(Random rnd, NamePools names) {
    String[] parts = names.person(rnd).last().split("[ -]");
    String w = parts[parts.length - 1].replaceAll("[^\\p{L}]", "");
    return w.isEmpty() ? "Linden" : Character.toUpperCase(w.charAt(0)) + w.substring(1);
  }
}
