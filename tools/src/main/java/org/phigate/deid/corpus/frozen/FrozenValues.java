package org.phigate.deid.corpus.frozen;

import java.time.LocalDate;
import java.time.format.TextStyle;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * One note's values for the frozen templates: people by role and written form, places, dates and identifiers. A value
 * is drawn the first time its slot is asked for, so every mention of {@code pt.last} in a note is the same person.
 */
final class FrozenValues {
  /** A filled slot: its text, Safe Harbor category (null: not PHI) and whose it is. */
  record Val(String text, String category, String party) {}

  private static final List<String> STREET_TYPES = List.of("Rd", "Road", "Ln", "Lane", "Way", "Pl", "Ct", "Dr",
      "Street", "St.", "Ave", "Pike", "Trace", "Run", "Hwy", "Loop", "Cir", "Terr", "Row", "Crossing");
  private static final List<String> FACILITY_FORMS = List.of("%s Regional Medical Center", "%s Community Hospital",
      "%s Family Practice", "%s Health Center", "%s Drug", "%s Rehabilitation and Nursing", "St. %s Hospital",
      "%s Urgent Care");
  private static final Map<String, String> PARTIES = Map.of("pt", "patient", "wpt", "patient", "rel", "relative",
      "rel2", "relative", "wrel", "relative", "dr", "provider", "dr2", "provider", "rn", "provider", "oth", "other");
  private final Random rnd;
  private final FrozenLists lists;
  private final Map<String, String[]> people = new HashMap<>();
  private final Map<String, Val> values = new HashMap<>();
  private final LocalDate anchor;
  private FrozenLists.Town town;

  FrozenValues(Random rnd, FrozenLists lists) {
    this.rnd = rnd;
    this.lists = lists;
    this.anchor = LocalDate.of(2019 + rnd.nextInt(7), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
  }

  /** The value of slot {@code key} ("pt.lci", "geo.town", "id.mrn"). */
  Val get(String key) {
    Val v = values.get(key);
    if (v == null) {
      v = make(key);
      values.put(key, v);
    }
    return v;
  }

  private Val make(String key) {
    int dot = key.indexOf('.');
    String group = key.substring(0, dot);
    String form = key.substring(dot + 1);
    if (PARTIES.containsKey(group)) {
      return new Val(person(group, form), "NAME", PARTIES.get(group));
    }
    return switch (group) {
      case "geo" -> form.equals("tstate") ? new Val(town().state(), null, "") : new Val(place(form), "GEO", "patient");
      case "date" -> date(form);
      case "id" -> id(form);
      default -> throw new IllegalArgumentException("unknown frozen slot group " + group);
    };
  }

  private String person(String role, String form) {
    String[] p = people.computeIfAbsent(role, r -> {
      String first = r.startsWith("w") ? pick(lists.wordNames) : pick(lists.given);
      String last = r.startsWith("rel") && people.containsKey("pt") && rnd.nextBoolean() ? people.get("pt")[1]
          : pick(lists.family);
      return new String[] {first, last, String.valueOf((char) ('A' + rnd.nextInt(26)))};
    });
    String first = p[0];
    String last = p[1];
    return switch (form) {
      case "full" -> first + " " + last;
      case "first" -> first;
      case "last" -> last;
      case "lci" -> last + ", " + first.charAt(0) + ".";
      case "lcf" -> last + ", " + first;
      case "LCF" -> (last + ", " + first).toUpperCase(Locale.ROOT) + (rnd.nextBoolean() ? " " + p[2] : "");
      case "fmi" -> first + " " + p[2] + ". " + last;
      case "lower" -> (first + " " + last).toLowerCase(Locale.ROOT);
      default -> throw new IllegalArgumentException("unknown person form " + form);
    };
  }

  private FrozenLists.Town town() {
    if (town == null) {
      town = pick(lists.towns);
    }
    return town;
  }

  private String place(String form) {
    FrozenLists.Town town = town();
    return switch (form) {
      case "town" -> town.name();
      case "TOWN" -> town.name().toUpperCase(Locale.ROOT);
      case "city", "city2" -> pick(lists.knownCities).name();
      case "street", "bstreet", "bstreet2" -> pick(lists.streets) + " " + pick(STREET_TYPES);
      case "addr" -> (10 + rnd.nextInt(9980)) + " " + get("geo.street").text();
      case "zip" -> String.format("%05d", 1001 + rnd.nextInt(98000));
      case "county" -> town.name().split(" ")[0] + " County";
      case "fac" -> String.format(pick(FACILITY_FORMS), rnd.nextBoolean() ? town.name() : pick(lists.family));
      default -> throw new IllegalArgumentException("unknown place form " + form);
    };
  }

  private Val date(String form) {
    LocalDate d = anchor.minusDays(rnd.nextInt(60));
    String month = d.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
    return switch (form) {
      case "dob" -> {
        LocalDate b = LocalDate.of(1930 + rnd.nextInt(75), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
        yield new Val(rnd.nextBoolean() ? String.format("%02d/%02d/%d", b.getMonthValue(), b.getDayOfMonth(),
            b.getYear()) : b.toString(), "DATE", "patient");
      }
      case "slash", "slash2" -> new Val(String.format("%d/%d/%d", d.getMonthValue(), d.getDayOfMonth(), d.getYear()),
          "DATE", "patient");
      case "long", "long2" -> new Val(rnd.nextBoolean() ? month + " " + d.getDayOfMonth() + ", " + d.getYear()
          : d.getDayOfMonth() + " " + month.substring(0, 3) + " " + d.getYear(), "DATE", "patient");
      case "md" -> new Val(rnd.nextBoolean() ? d.getMonthValue() + "/" + d.getDayOfMonth()
          : month + " " + ordinal(d.getDayOfMonth()), "DATE", "patient");
      case "age90" -> new Val(String.valueOf(90 + rnd.nextInt(14)), "DATE", "patient");
      default -> throw new IllegalArgumentException("unknown date form " + form);
    };
  }

  private Val id(String form) {
    return switch (form) {
      case "mrn" -> new Val(digits(7 + rnd.nextInt(3)), "MRN", "patient");
      case "acct" -> new Val((rnd.nextBoolean() ? "A" : "") + digits(9), "ACCOUNT", "patient");
      case "plan" -> new Val(letters(3) + digits(9), "HEALTH_PLAN_ID", "patient");
      case "ssn" -> new Val(digits(3) + "-" + digits(2) + "-" + digits(4), "SSN", "patient");
      case "lic" -> new Val(letters(1) + digits(3) + "-" + digits(4) + "-" + digits(4), "LICENSE", "patient");
      case "plate" -> new Val(digits(1) + letters(3) + digits(3), "VEHICLE_ID", "patient");
      case "serial" -> new Val(letters(2) + digits(4) + "-" + digits(4) + letters(1), "DEVICE_ID", "patient");
      case "oid" -> new Val("WC-" + digits(8), "OTHER_ID", "patient");
      case "phone", "phone2" -> new Val(phone(), "PHONE", "patient");
      case "fax" -> new Val(phone(), "FAX", "patient");
      case "email" -> new Val(emailLocal() + "@" + pick(List.of("fastmail.example", "mailbox.example",
          "post.example.org")), "EMAIL", "patient");
      case "url" -> new Val("https://pacs.example.org/viewer/" + digits(10), "URL", "patient");
      case "ip" -> new Val((10 + rnd.nextInt(200)) + "." + rnd.nextInt(256) + "." + rnd.nextInt(256) + "."
          + (1 + rnd.nextInt(254)), "IP", "patient");
      default -> throw new IllegalArgumentException("unknown id form " + form);
    };
  }

  private String phone() {
    String a = String.valueOf(201 + rnd.nextInt(780));
    String b = String.valueOf(200 + rnd.nextInt(800));
    String c = digits(4);
    return switch (rnd.nextInt(5)) {
      case 0 -> "(" + a + ") " + b + "-" + c;
      case 1 -> a + "-" + b + "-" + c;
      case 2 -> a + "." + b + "." + c;
      case 3 -> "+1 " + a + " " + b + " " + c;
      default -> a + "-" + b + "-" + c + " x" + (100 + rnd.nextInt(900));
    };
  }

  private String emailLocal() {
    String[] p = people.getOrDefault("pt", new String[] {pick(lists.given), pick(lists.family), "Q"});
    String ascii = java.text.Normalizer.normalize(p[0].charAt(0) + p[1], java.text.Normalizer.Form.NFD)
        .replaceAll("[^A-Za-z]", "").toLowerCase(Locale.ROOT);
    return ascii + digits(2);
  }

  private static String ordinal(int day) {
    String suffix = day % 100 / 10 == 1 ? "th" : switch (day % 10) {
      case 1 -> "st";
      case 2 -> "nd";
      case 3 -> "rd";
      default -> "th";
    };
    return day + suffix;
  }

  private String digits(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('0' + (i == 0 ? 1 + rnd.nextInt(9) : rnd.nextInt(10))));
    }
    return b.toString();
  }

  private String letters(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('A' + rnd.nextInt(26)));
    }
    return b.toString();
  }

  private <T> T pick(List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
