package org.phigate.deid.corpus.hard;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** One dev-hard note's values: drawn the first time a slot is asked for, so every mention of a slot is the same. */
final class DevHardValues {
  /** A filled slot: its text, Safe Harbor category (null: not PHI) and whose it is. */
  record Val(String text, String category, String party) {}

  private static final Map<String, String> PARTIES = Map.of("pt", "patient", "wpt", "patient", "rel", "relative",
      "rel2", "relative", "wrel", "relative", "dr", "provider", "dr2", "provider");
  private static final List<String> FACILITY = List.of("%s Regional Hospital", "%s Family Medicine",
      "%s Community Clinic", "%s Memorial Hospital", "%s Pharmacy", "%s Rehab and Nursing", "%s Medical Group");
  private final Random rnd;
  private final DevHardLists lists;
  private final Map<String, String[]> people = new HashMap<>();
  private final Map<String, Val> values = new HashMap<>();
  private final LocalDate anchor;
  private DevHardLists.Town town;
  private DevHardLists.Town city;

  DevHardValues(Random rnd, DevHardLists lists) {
    this.rnd = rnd;
    this.lists = lists;
    this.anchor = LocalDate.of(2018 + rnd.nextInt(8), 1 + rnd.nextInt(12), 1 + rnd.nextInt(28));
  }

  Val get(String key) {
    return values.computeIfAbsent(key, this::make);
  }

  private Val make(String key) {
    int dot = key.indexOf('.');
    String group = key.substring(0, dot);
    String form = key.substring(dot + 1);
    if (PARTIES.containsKey(group)) {
      return new Val(person(group, form), "NAME", PARTIES.get(group));
    }
    return switch (group) {
      case "geo" -> place(form);
      case "date" -> new Val(date(form), "DATE", "patient");
      case "id" -> form.equals("mrn") ? new Val(String.valueOf(1000000 + rnd.nextInt(8999999)), "MRN", "patient")
          : new Val(String.format("(%03d) %03d-%04d", 201 + rnd.nextInt(700), 201 + rnd.nextInt(700),
              rnd.nextInt(10000)), "PHONE", "patient");
      default -> throw new IllegalArgumentException("unknown dev-hard slot group " + group);
    };
  }

  private String person(String group, String form) {
    String[] p = people.computeIfAbsent(group, g -> new String[] {
        g.startsWith("w") ? pick(lists.wordNames) : pick(lists.given), pick(lists.family),
        String.valueOf((char) ('A' + rnd.nextInt(26)))});
    String first = p[0];
    String last = p[1];
    return switch (form) {
      case "first" -> first;
      case "last" -> last;
      case "full" -> first + " " + last;
      case "lf" -> last + ", " + first;
      case "li" -> last + ", " + first.charAt(0) + ".";
      case "caps" -> (last + ", " + first + " " + p[2]).toUpperCase(Locale.ROOT);
      case "fml" -> first + " " + p[2] + ". " + last;
      case "lfull" -> (first + " " + last).toLowerCase(Locale.ROOT);
      case "llast" -> last.toLowerCase(Locale.ROOT);
      default -> throw new IllegalArgumentException("unknown dev-hard person form " + form);
    };
  }

  private Val place(String form) {
    return switch (form) {
      case "town" -> new Val(town().name(), "GEO", "patient");
      case "tstate" -> new Val(town().state(), null, "");
      case "city" -> new Val(city().name(), "GEO", "patient");
      case "cstate" -> new Val(city().state(), null, "");
      case "street", "street2" -> new Val(pick(lists.streets) + " " + pick(lists.streetTypes), "GEO", "patient");
      case "addr" -> new Val((10 + rnd.nextInt(9000)) + " " + pick(lists.streets) + " " + pick(lists.streetTypes),
          "GEO", "patient");
      case "fac" -> new Val(String.format(pick(FACILITY), rnd.nextBoolean() ? town().name() : pick(lists.streets)),
          "GEO", "patient");
      case "zip" -> new Val(String.format("%05d", 1001 + rnd.nextInt(98000)), "GEO", "patient");
      default -> throw new IllegalArgumentException("unknown dev-hard place form " + form);
    };
  }

  private String date(String form) {
    LocalDate d = form.equals("d2") ? anchor.minusYears(20 + rnd.nextInt(60)).minusDays(rnd.nextInt(365)) : anchor;
    return d.getMonthValue() + "/" + d.getDayOfMonth() + "/" + d.getYear();
  }

  private DevHardLists.Town town() {
    if (town == null) {
      town = pick(lists.towns);
    }
    return town;
  }

  private DevHardLists.Town city() {
    if (city == null) {
      city = pick(lists.cities);
    }
    return city;
  }

  private <T> T pick(List<T> from) {
    return from.get(rnd.nextInt(from.size()));
  }
}
