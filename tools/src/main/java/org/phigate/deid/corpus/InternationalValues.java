package org.phigate.deid.corpus;

import static org.phigate.deid.corpus.CorpusValues.digits;
import static org.phigate.deid.corpus.CorpusValues.letters;
import static org.phigate.deid.corpus.CorpusValues.pick;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.Template.Val;

/**
 * Addresses and phone numbers outside the US for the "international" note kind: one format per country (UK, Germany,
 * Netherlands, France, Italy, Spain, Portugal, Australia, Canada, Denmark), with street and place names built from
 * the generated (partly held-out) surnames, and national or E.164 phone numbers.
 */
final class InternationalValues {
  private static final List<String> UK_STREETS = List.of("Road", "Lane", "Street", "Close", "Crescent", "Gardens",
      "Terrace", "Mews");
  private static final List<String> PLACE_ENDINGS = List.of("dorf", "heim", "hausen", "ingen", "stad", "bury",
      "chester", "wick", "ville", "court", "holm", "berg");
  private static final List<String> FR_PARTICLES = List.of("de la ", "des ", "du ", "");
  private static final List<String> AU_STATES = List.of("NSW", "VIC", "QLD", "WA", "SA", "TAS");
  private static final List<String> CA_PROVINCES = List.of("ON", "QC", "BC", "AB", "MB", "NS");
  private static final String UK_AREA = "ABCDEGHKLMNPRSTWY";
  private static final String CA_FIRST = "ABCEGHJKLMNPRSTVXY";
  private static final String UK_INWARD = "ABDEFGHJLNPQRSTUWXYZ";

  private InternationalValues() {}

  /** Adds IADDR (one GEO span: street, place and postcode) and IPHONE / IPHONE2 (PHONE) to the note's values. */
  static void add(Map<String, Val> v, Random rnd, NamePools names) {
    String street = cap(word(names, rnd));
    String place = cap(word(names, rnd)) + pick(rnd, PLACE_ENDINGS);
    int n = 1 + rnd.nextInt(180);
    String address = switch (rnd.nextInt(10)) {
      case 0 -> (rnd.nextBoolean() ? "Flat " + (1 + rnd.nextInt(20)) + ", " : "") + n + " " + street + " "
          + pick(rnd, UK_STREETS) + ", " + place + " " + ukPostcode(rnd);
      case 1 -> street + (rnd.nextBoolean() ? "straße " : "weg ") + n + ", " + (10000 + rnd.nextInt(89999)) + " " + place;
      case 2 -> street + (rnd.nextBoolean() ? "straat " : "laan ") + n + ", " + (1000 + rnd.nextInt(8999)) + " "
          + letters(rnd, 2) + " " + place;
      case 3 -> n + " rue " + pick(rnd, FR_PARTICLES) + street + ", " + (10000 + rnd.nextInt(85000)) + " " + place;
      case 4 -> "Via " + street + " " + n + ", " + (10000 + rnd.nextInt(89999)) + " " + place;
      case 5 -> "Calle " + street + " " + n + ", " + (10000 + rnd.nextInt(42000)) + " " + place;
      case 6 -> "Rua " + street + " " + n + ", " + (1000 + rnd.nextInt(8999)) + "-" + digits(rnd, 3) + " " + place;
      case 7 -> n + " " + street + " Street, " + place + " " + pick(rnd, AU_STATES) + " " + (2000 + rnd.nextInt(5000));
      case 8 -> n + " " + street + " Avenue, " + place + ", " + pick(rnd, CA_PROVINCES) + " " + caPostcode(rnd);
      default -> street + "gade " + n + ", " + (1000 + rnd.nextInt(8999)) + " " + place;
    };
    v.put("IADDR", new Val(address, "GEO", "patient"));
    v.put("IPHONE", new Val(phone(rnd), "PHONE", "patient"));
    v.put("IPHONE2", new Val(phone(rnd), "PHONE", "relative"));
    AddressBlockValues.add(v, rnd, names);
  }

  private static String phone(Random rnd) {
    return switch (rnd.nextInt(8)) {
      case 0 -> "+44 " + (20 + rnd.nextInt(2)) + " " + (3 + rnd.nextInt(6)) + digits(rnd, 3) + " " + digits(rnd, 4);
      case 1 -> "0" + (113 + rnd.nextInt(80)) + " " + (2 + rnd.nextInt(7)) + digits(rnd, 2) + " " + digits(rnd, 4);
      case 2 -> "+49 " + (30 + rnd.nextInt(60)) + " " + (1 + rnd.nextInt(9)) + digits(rnd, 6);
      case 3 -> "(0" + (2 + rnd.nextInt(7)) + ") " + (2 + rnd.nextInt(7)) + digits(rnd, 3) + " " + digits(rnd, 4);
      case 4 -> "0" + (1 + rnd.nextInt(5)) + " " + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 2) + " "
          + digits(rnd, 2);
      case 5 -> "+33 6 " + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 2) + " " + digits(rnd, 2);
      case 6 -> "0031 " + (10 + rnd.nextInt(80)) + " " + (2 + rnd.nextInt(7)) + digits(rnd, 2) + " " + digits(rnd, 4);
      default -> "07" + (100 + rnd.nextInt(900)) + " " + digits(rnd, 3) + " " + digits(rnd, 3);
    };
  }

  private static String ukPostcode(Random rnd) {
    return ch(rnd, UK_AREA) + (rnd.nextBoolean() ? ch(rnd, UK_AREA) : "") + (1 + rnd.nextInt(20)) + " "
        + rnd.nextInt(10) + ch(rnd, UK_INWARD) + ch(rnd, UK_INWARD);
  }

  private static String caPostcode(Random rnd) {
    return ch(rnd, CA_FIRST) + rnd.nextInt(10) + ch(rnd, CA_FIRST) + " " + rnd.nextInt(10) + ch(rnd, CA_FIRST)
        + rnd.nextInt(10);
  }

  private static String ch(Random rnd, String from) {
    return String.valueOf(from.charAt(rnd.nextInt(from.length())));
  }

  private static String word(NamePools names, Random rnd) {
    String[] parts = names.person(rnd).last().split("[ -]");
    return parts[parts.length - 1].replaceAll("[^\\p{L}]", "");
  }

  private static String cap(String s) {
    return s.isEmpty() ? "Linden" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
