package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A person's name split into given names and family name, read from an HL7 XPN ({@code QUIXTROT^ZEBULONIA^M}), a
 * "Last, First Middle" string, or a "First Middle Last" string (FHIR HumanName text). Parts shorter than two letters
 * (initials) and generational suffixes are dropped.
 */
public record NameParts(List<String> given, String family) {
  private static final Set<String> SUFFIXES = DetectWords.set("name-parts.suffixes");

  public NameParts {
    given = List.copyOf(given);
  }

  public static NameParts parse(String value) {
    String v = value.strip();
    if (v.contains("^")) {
      String[] c = v.split("\\^", -1);
      List<String> given = new ArrayList<>();
      for (int i = 1; i < Math.min(c.length, 3); i++) {
        given.addAll(words(c[i]));
      }
      List<String> family = words(c[0].split("&", -1)[0]);
      return new NameParts(given, String.join(" ", family));
    }
    int comma = v.indexOf(',');
    if (comma > 0) {
      List<String> family = words(v.substring(0, comma));
      return new NameParts(words(v.substring(comma + 1)), String.join(" ", family));
    }
    List<String> all = words(v);
    if (all.isEmpty()) {
      return new NameParts(List.of(), "");
    }
    return new NameParts(all.subList(0, all.size() - 1), all.get(all.size() - 1));
  }

  /** Every part of two letters or more: given names, then the family name (and each word of a compound one). */
  public List<String> parts() {
    List<String> out = new ArrayList<>(given);
    if (!family.isEmpty()) {
      out.addAll(List.of(family.split(" ")));
    }
    return out;
  }

  /** Order-independent-of-rendering key: given names then family name, lower case ("zebulonia quixtrot"). */
  public String canonical() {
    List<String> out = new ArrayList<>(given);
    if (!family.isEmpty()) {
      out.add(family);
    }
    return String.join(" ", out).toLowerCase(Locale.ROOT);
  }

  private static List<String> words(String s) {
    List<String> out = new ArrayList<>();
    for (String w : s.strip().split("[\\s]+")) {
      String cleaned = w.replaceAll("^[^\\p{L}]+|[^\\p{L}'’-]+$", "").replaceAll("(?i)['’]s$", "");
      if (cleaned.length() >= 2 && !SUFFIXES.contains(cleaned.toLowerCase(Locale.ROOT).replace(".", ""))) {
        out.add(cleaned);
      }
    }
    return out;
  }
}
