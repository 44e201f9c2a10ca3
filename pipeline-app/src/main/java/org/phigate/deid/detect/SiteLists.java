package org.phigate.deid.detect;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.phigate.schema.PhiCategory;
import org.phigate.schema.PhiFinding;

/**
 * A site's own allow- and deny-lists for free text. Allow-listed terms (site vocabulary that looks like a name or a
 * place, e.g. a unit called "Baker 4") are never reported by pattern, dictionary or cue detectors; identifiers known
 * from the record itself are still found. Deny-listed terms (staff names, local facility names) are always reported,
 * as whole words, case-insensitively ({@code site:deny}).
 */
public record SiteLists(Set<String> allow, List<Denied> deny) {
  /** One deny-list term and the category it is reported as. */
  public record Denied(PhiCategory category, String term) {}

  public SiteLists {
    allow = Set.copyOf(allow);
    deny = List.copyOf(deny);
  }

  public static SiteLists none() {
    return new SiteLists(Set.of(), List.of());
  }

  /**
   * Parses comma-separated lists; a deny entry is {@code term} or {@code CATEGORY:term} (default OTHER_ID).
   *
   * @throws IllegalArgumentException naming the entry position when a category prefix is unknown
   */
  public static SiteLists parse(String allowList, String denyList) {
    Set<String> allow = new TreeSet<>();
    for (String t : split(allowList)) {
      allow.add(t.toLowerCase(Locale.ROOT));
    }
    List<Denied> deny = new ArrayList<>();
    int position = 0;
    for (String t : split(denyList)) {
      position++;
      int colon = t.indexOf(':');
      PhiCategory category = PhiCategory.OTHER_ID;
      String term = t;
      if (colon > 0 && t.substring(0, colon).matches("[A-Z_]+")) {
        try {
          category = PhiCategory.valueOf(t.substring(0, colon));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("deid.deny.list entry " + position + " has an unknown category prefix;"
              + " use one of the Safe Harbor categories, e.g. NAME: or GEO:");
        }
        term = t.substring(colon + 1).strip();
      }
      if (!term.isEmpty()) {
        deny.add(new Denied(category, term));
      }
    }
    return new SiteLists(allow, deny);
  }

  private static List<String> split(String list) {
    List<String> out = new ArrayList<>();
    if (list != null) {
      for (String t : list.split(",")) {
        if (!t.isBlank()) {
          out.add(t.strip());
        }
      }
    }
    return out;
  }

  /** The deny-list as a detector (empty list ⇒ finds nothing). */
  public Detector denyDetector() {
    List<Pattern> patterns = deny.stream().map(d -> Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])"
        + Pattern.quote(d.term()).replace(" ", "\\E\\s+\\Q") + "(?![\\p{L}\\p{N}])")).toList();
    return (path, text, known) -> {
      List<PhiFinding> out = new ArrayList<>();
      for (int i = 0; i < patterns.size(); i++) {
        Matcher m = patterns.get(i).matcher(text);
        while (m.find()) {
          out.add(Findings.span(deny.get(i).category(), path, m.start(), m.end(), "site:deny", 1.0));
        }
      }
      return out;
    };
  }

  /** False when the finding's text is an allow-listed term, or lies inside an occurrence of one. */
  public boolean keeps(PhiFinding f, String text) {
    if (allow.isEmpty() || f.getStart() == null || f.getDetector().startsWith("known:")
        || f.getDetector().contains("site:deny")) {
      return true;
    }
    String lower = text.toLowerCase(Locale.ROOT);
    for (String term : allow) {
      int from = Math.max(0, f.getEnd() - term.length());
      for (int at = lower.indexOf(term, from); at >= 0 && at <= f.getStart(); at = lower.indexOf(term, at + 1)) {
        if (at + term.length() >= f.getEnd()) {
          return false;
        }
      }
    }
    return true;
  }
}
