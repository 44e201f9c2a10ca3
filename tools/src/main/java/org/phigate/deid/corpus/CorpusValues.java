package org.phigate.deid.corpus;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.phigate.deid.corpus.NamePools.Person;
import org.phigate.deid.corpus.Template.Val;

/** Generates one note's values: the people, places, dates and numbers (gold PHI) and the clinical distractors. */
final class CorpusValues {
  private static final List<String> SUFFIXES = List.of("Street", "St", "Avenue", "Ave", "Road", "Rd", "Lane", "Ln",
      "Drive", "Dr", "Court", "Way", "Place", "Terrace", "Circle", "Boulevard", "Pathway", "Ridge", "Trail");
  private static final List<String> CITY_ENDINGS = List.of("ville", "ton", "burg", "field", "ford", "brook", "haven",
      " Falls", " Springs", " Hollow");
  private static final List<String> STATES = List.of("MA", "NY", "CA", "TX", "WA", "OH", "GA", "MN", "AZ", "NC");
  private static final List<String> RELATIONS = List.of("wife", "husband", "daughter", "son", "sister", "brother",
      "mother", "father", "partner", "niece", "grandson");
  static final List<String> DISTRACTORS = List.of("Parkinson's disease", "Graves' disease", "Hodgkin lymphoma",
      "Crohn's disease", "Babinski sign negative", "strength 5/5 throughout", "BP 128/76", "HR 72", "SpO2 97% on RA",
      "A1c 7.2", "pain 6/10", "GCS 15", "Apgar 8/9", "Wells score 2", "Bell's palsy", "Down syndrome",
      "Alzheimer's dementia", "Foley catheter removed", "Holter monitor", "EF 35%", "creatinine 1.1",
      "troponin <0.01", "T 98.6 F", "RR 16", "Mallampati II", "NYHA class III", "Gleason 3+4=7", "PHQ-9 score 12",
      "Wilson's disease", "Cushing's syndrome", "Addison's disease", "Murphy's sign negative", "Homans sign negative",
      "Epley maneuver", "Raynaud's phenomenon", "Hashimoto's thyroiditis", "reflexes 2+ symmetric", "1-2 puffs q4h prn",
      "Tylenol 650 mg q6h prn", "Lasix 40 mg daily", "metoprolol 25 mg BID", "lisinopril 10 mg daily",
      "Keppra 500 mg BID", "Eliquis 5 mg BID", "Zoloft 50 mg", "insulin glargine 20 units", "diagnosed in 2015",
      "since 1998", "for 2 weeks", "x3 days", "Swan-Ganz catheter", "Trendelenburg position", "Lyme titer negative",
      "Kawasaki disease", "Guillain-Barre syndrome", "Tourette syndrome", "Meniere's disease", "Apley test");
  private static final List<String> DRUGS = List.of("metoprolol 25 mg BID", "Lasix 40 mg daily", "Norvasc 5 mg",
      "Keppra 500 mg BID", "Zoloft 50 mg daily", "Eliquis 5 mg BID", "atorvastatin 40 mg nightly",
      "Synthroid 88 mcg", "albuterol 2 puffs q4h prn", "Tylenol 1 g q8h");

  private CorpusValues() {}

  static Map<String, Val> generate(Random rnd) {
    NamePools names = NamePools.get();
    Map<String, Val> v = new HashMap<>();
    Person patient = names.person(rnd);
    Person relative = new Person(names.person(rnd).first(), null, rnd.nextBoolean() ? patient.last()
        : names.person(rnd).last(), patient.heldOut());
    Person doctor = names.person(rnd);
    Person nurse = names.person(rnd);
    Person other = names.person(rnd);
    v.put("P", name(patient, rnd, "patient"));
    v.put("PF", new Val(patient.first(), "NAME", "patient"));
    v.put("PL", new Val(patient.last(), "NAME", "patient"));
    v.put("PLF", new Val(patient.last() + ", " + patient.first(), "NAME", "patient"));
    v.put("R", new Val(relative.full(), "NAME", "relative"));
    v.put("RF", new Val(relative.first(), "NAME", "relative"));
    v.put("REL", Val.plain(pick(rnd, RELATIONS)));
    v.put("DR", new Val(doctor.full(), "NAME", "provider"));
    v.put("DRL", new Val(doctor.last(), "NAME", "provider"));
    v.put("NURSE", new Val(nurse.full(), "NAME", "provider"));
    v.put("CC", new Val(other.full(), "NAME", "provider"));
    LocalDate base = LocalDate.of(2018 + rnd.nextInt(7), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
    v.put("DATE", new Val(date(base, rnd), "DATE", "patient"));
    v.put("DATE2", new Val(date(base.plusDays(1 + rnd.nextInt(20)), rnd), "DATE", "patient"));
    v.put("DATE3", new Val(date(base.minusDays(30 + rnd.nextInt(300)), rnd), "DATE", "patient"));
    LocalDate dob = LocalDate.of(1925 + rnd.nextInt(80), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
    v.put("DOB", new Val(date(dob, rnd), "DATE", "patient"));
    boolean old = rnd.nextInt(4) == 0;
    int age = old ? 90 + rnd.nextInt(12) : 19 + rnd.nextInt(70);
    v.put("AGE", old ? new Val(String.valueOf(age), "DATE", "patient") : Val.plain(String.valueOf(age)));
    v.put("PHONE", new Val(phone(rnd), "PHONE", "patient"));
    v.put("PHONE2", new Val(phone(rnd), "PHONE", "relative"));
    v.put("FAX", new Val(phone(rnd), "FAX", "facility"));
    v.put("EMAIL", new Val(email(patient, rnd), "EMAIL", "patient"));
    v.put("SSN", new Val(String.format("%03d-%02d-%04d", 100 + rnd.nextInt(565), 1 + rnd.nextInt(98),
        1 + rnd.nextInt(9998)), "SSN", "patient"));
    v.put("MRN", new Val(rnd.nextBoolean() ? "MR" + digits(rnd, 7) : digits(rnd, 8), "MRN", "patient"));
    v.put("ACCT", new Val(digits(rnd, 9 + rnd.nextInt(2)), "ACCOUNT", "patient"));
    v.put("MEMBER", new Val(letters(rnd, 3) + digits(rnd, 9), "HEALTH_PLAN_ID", "patient"));
    v.put("LIC", new Val(letters(rnd, 1) + digits(rnd, 7 + rnd.nextInt(2)), "LICENSE", "patient"));
    v.put("PLATE", new Val(rnd.nextBoolean() ? digits(rnd, 1) + letters(rnd, 3) + digits(rnd, 3)
        : letters(rnd, 3) + "-" + digits(rnd, 4), "VEHICLE_ID", "patient"));
    v.put("SERIAL", new Val(letters(rnd, 2) + "-" + digits(rnd, 5) + "-" + letters(rnd, 1), "DEVICE_ID", "patient"));
    v.put("ACC", new Val(letters(rnd, 3) + "-" + (18 + rnd.nextInt(7)) + "-" + digits(rnd, 6), "OTHER_ID",
        "patient"));
    v.put("URL", new Val("https://portal." + slug(doctor.last()) + "health.org/pt/" + digits(rnd, 5), "URL",
        "patient"));
    v.put("IP", new Val((11 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
        + (1 + rnd.nextInt(254)), "IP", "patient"));
    v.put("IP6", new Val(String.format("2001:db8:%x:%x::%x", rnd.nextInt(65536), rnd.nextInt(65536),
        1 + rnd.nextInt(65535)), "IP", "patient"));
    String street = (1 + rnd.nextInt(9899)) + " " + names.person(rnd).last() + " " + pick(rnd, SUFFIXES)
        + (rnd.nextInt(4) == 0 ? ", Apt " + (1 + rnd.nextInt(40)) + letters(rnd, 1) : "");
    v.put("STREET", new Val(street, "GEO", "patient"));
    String city = lastWord(names.person(rnd).last()) + pick(rnd, CITY_ENDINGS);
    v.put("CITY", new Val(city, "GEO", "patient"));
    v.put("STATE", Val.plain(pick(rnd, STATES)));
    v.put("ZIP", new Val(String.format("%05d", 1001 + rnd.nextInt(98000)), "GEO", "patient"));
    v.put("FAC", new Val(facility(rnd, names), "GEO", "facility"));
    for (int i = 1; i <= 4; i++) {
      v.put("DX" + i, Val.plain(pick(rnd, DISTRACTORS)));
    }
    v.put("MED", Val.plain(pick(rnd, DRUGS)));
    v.put("YEAR", Val.plain(String.valueOf(1990 + rnd.nextInt(30))));
    InternationalValues.add(v, rnd, names);
    NameVariety.add(v, rnd, names, patient, doctor);
    StreetVariety.add(v, names);
    ShapeVariety.add(v, rnd, names);
    return v;
  }

  private static Val name(Person p, Random rnd, String party) {
    int style = rnd.nextInt(10);
    String text = style < 6 ? p.full() : style < 8 && p.middle() != null ? p.first() + " " + p.middle() + ". "
        + p.last() : style < 9 ? p.full().toUpperCase(Locale.ROOT) : p.last() + ", " + p.first();
    return new Val(text, "NAME", party);
  }

  static String date(LocalDate d, Random rnd) {
    String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
    String mon = d.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
    return switch (rnd.nextInt(11)) {
      case 0 -> String.format("%02d/%02d/%04d", d.getMonthValue(), d.getDayOfMonth(), d.getYear());
      case 1 -> String.format("%d/%d/%02d", d.getMonthValue(), d.getDayOfMonth(), d.getYear() % 100);
      case 2 -> d.toString();
      case 3 -> month + " " + d.getDayOfMonth() + ", " + d.getYear();
      case 4 -> mon + " " + d.getDayOfMonth();
      case 5 -> d.getDayOfMonth() + " " + mon + " " + d.getYear();
      case 6 -> String.format("%02d-%s-%04d", d.getDayOfMonth(), mon, d.getYear());
      case 7 -> month + " " + d.getYear();
      case 8 -> String.format("%d-%d-%04d", d.getMonthValue(), d.getDayOfMonth(), d.getYear());
      case 9 -> d.getDayOfMonth() + ordinal(d.getDayOfMonth()) + " of " + month;
      default -> String.format("%04d/%02d/%02d", d.getYear(), d.getMonthValue(), d.getDayOfMonth());
    };
  }

  private static String ordinal(int day) {
    return day >= 11 && day <= 13 ? "th" : switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
  }

  private static String phone(Random rnd) {
    String a = String.valueOf(2 + rnd.nextInt(8)) + digits(rnd, 2);
    String b = String.valueOf(2 + rnd.nextInt(8)) + digits(rnd, 2);
    String c = digits(rnd, 4);
    return switch (rnd.nextInt(5)) {
      case 0 -> "(" + a + ") " + b + "-" + c;
      case 1 -> a + "-" + b + "-" + c;
      case 2 -> a + "." + b + "." + c;
      case 3 -> "+1 " + a + " " + b + " " + c;
      default -> a + b + c;
    };
  }

  private static String email(Person p, Random rnd) {
    String user = rnd.nextBoolean() ? slug(p.first()) + "." + slug(p.last()) : slug(p.first()).charAt(0)
        + slug(p.last()) + digits(rnd, 2);
    return user + "@" + pick(rnd, List.of("mail.example", "example.net", "inbox.example.org"));
  }

  private static String facility(Random rnd, NamePools names) {
    String who = lastWord(names.person(rnd).last());
    return switch (rnd.nextInt(4)) {
      case 0 -> who + " Memorial Hospital";
      case 1 -> who + " Family Practice";
      case 2 -> "St. " + names.person(rnd).first() + "'s Medical Center";
      default -> who + " Valley Clinic";
    };
  }

  private static String lastWord(String name) {
    String[] parts = name.split("[ -]");
    return parts[parts.length - 1];
  }

  static String slug(String s) {
    return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^A-Za-z]", "")
        .toLowerCase(Locale.ROOT);
  }

  static String digits(Random rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('0' + rnd.nextInt(10)));
    }
    return sb.toString();
  }

  static String letters(Random rnd, int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append((char) ('A' + rnd.nextInt(26)));
    }
    return sb.toString();
  }

  static <T> T pick(Random rnd, List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
