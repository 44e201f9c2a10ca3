package org.phigate.deid.corpus;

import static org.phigate.deid.corpus.CorpusValues.digits;
import static org.phigate.deid.corpus.AddressBlockValues.word;
import static org.phigate.deid.corpus.CorpusValues.pick;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.Template.Val;

/**
 * More street shapes: a street named without a house number after a place verb, a mailing block whose city line is
 * in capitals above the state and ZIP, a one-line postal address ending in a capital city and region code, a block
 * whose first line starts with a street word before the house number, and lower-case blocks without a street word.
 * Names come from the generated (partly held-out) surnames. Draws from its own generator, seeded from values
 * already drawn, so adding it leaves the rest of the corpus as it was.
 */
final class StreetVariety {
  private static final List<String> TYPES = List.of("Street", "Avenue", "Road", "Lane", "Drive", "Boulevard",
      "Court", "Place", "Terrace", "Way");
  private static final List<String> PLACE_VERBS = List.of("fell on", "was found down on", "tripped on the curb at",
      "was walking along", "slipped on the ice on", "fell near");
  private static final List<String> GLUED = List.of("weg", "vej", "gata", "katu", "gasse");
  private static final List<String> REGIONS = List.of("OO", "SK", "NI", "OV", "EC", "KA", "FA", "ZH");
  private static final List<String> COUNTRIES = List.of("Sweden", "Norway", "Finland", "Estonia", "Cyprus",
      "Portugal", "Uruguay", "Denmark");
  private static final List<String> ENDINGS = List.of("by", "holm", "vik", "lund", "stad", "ava", "ice", "dorf");

  private StreetVariety() {}

  /**
   * Adds NAMEDST (GEO) with STFRAME (the plain place verb before it), MAILBLOCK (GEO: street, unit and the city
   * line in capitals; the state and ZIP follow as STATE and ZIP), POSTLINE, WORDBLOCK, LBLOCK, LUNITBLOCK and
   * LCITYPC (GEO).
   */
  static void add(Map<String, Val> v, NamePools names) {
    Random rnd = new Random(v.get("ZIP").text().hashCode() * 31L + v.get("MRN").text().hashCode());
    v.put("STFRAME", Val.plain(pick(rnd, PLACE_VERBS)));
    v.put("NAMEDST", new Val(namedStreet(rnd, names), "GEO", "patient"));
    v.put("MAILBLOCK", new Val((1 + rnd.nextInt(9000)) + " " + word(rnd, names) + " " + pick(rnd, TYPES) + " Apt "
        + (1 + rnd.nextInt(90)) + "\n" + caps(place(rnd, names)), "GEO", "patient"));
    v.put("POSTLINE", new Val(digits(rnd, 5) + " " + word(rnd, names) + pick(rnd, GLUED) + " " + (1 + rnd.nextInt(99))
        + " Apt. " + (1 + rnd.nextInt(900)) + " " + caps(place(rnd, names)) + " " + pick(rnd, REGIONS), "GEO",
        "patient"));
    v.put("WORDBLOCK", new Val(word(rnd, names) + " " + (1 + rnd.nextInt(99)) + " " + word(rnd, names) + " "
        + pick(rnd, TYPES) + "\n Suite " + (1 + rnd.nextInt(900)) + "\n " + caps(place(rnd, names)) + "\n "
        + pick(rnd, COUNTRIES) + " " + digits(rnd, 5), "GEO", "patient"));
    v.put("LBLOCK", new Val((1 + rnd.nextInt(900)) + " " + (1 + rnd.nextInt(300)) + " " + word(rnd, names) + " "
        + word(rnd, names) + "\n" + place(rnd, names) + "\n, " + pick(rnd, REGIONS) + "\n " + digits(rnd, 5), "GEO",
        "relative"));
    v.put("LUNITBLOCK", new Val(digits(rnd, 4) + " r " + word(rnd, names) + " " + (1 + rnd.nextInt(20)) + " suite "
        + (1 + rnd.nextInt(900)) + "\n" + place(rnd, names) + "\n, " + pick(rnd, REGIONS) + "\n "
        + pick(rnd, COUNTRIES) + " " + digits(rnd, 5), "GEO", "patient"));
    v.put("LCITYPC", new Val(place(rnd, names) + " de " + word(rnd, names) + " " + (10000 + rnd.nextInt(89999)),
        "GEO", "patient"));
  }

  private static String namedStreet(Random rnd, NamePools names) {
    return switch (rnd.nextInt(3)) {
      case 0 -> word(rnd, names) + " " + pick(rnd, TYPES);
      case 1 -> word(rnd, names) + " " + word(rnd, names) + " Street";
      default -> ordinal(2 + rnd.nextInt(40)) + " Avenue";
    };
  }

  private static String ordinal(int n) {
    int tens = n % 100;
    String suffix = tens >= 11 && tens <= 13 ? "th" : switch (n % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return n + suffix;
  }

  private static String caps(String s) {
    return s.toUpperCase(Locale.ROOT);
  }

  private static String place(Random rnd, NamePools names) {
    return word(rnd, names) + pick(rnd, ENDINGS);
  }
}
