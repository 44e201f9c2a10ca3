package org.phigate.deid.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The rule detectors' word lists ({@code deid/detect-words.txt}: a {@code [list]} header, then one entry per line),
 * read once; kept apart from the name lists so the pattern detectors load no dictionary.
 */
final class DetectWords {
  private static final Map<String, java.util.List<String>> LISTS = read("/deid/detect-words.txt");

  private DetectWords() {}

  /** A list as a set of its entries. */
  static Set<String> set(String list) {
    return Set.copyOf(entries(list));
  }

  /** A list as a regular-expression alternation of its entries ("AL|AK|AZ"), in file order. */
  static String alternation(String list) {
    return String.join("|", entries(list));
  }

  private static java.util.List<String> entries(String list) {
    java.util.List<String> entries = LISTS.get(list);
    if (entries == null) {
      throw new IllegalStateException("word list [" + list + "] is missing from deid/detect-words.txt");
    }
    return entries;
  }

  private static Map<String, java.util.List<String>> read(String resource) {
    Map<String, java.util.List<String>> out = new HashMap<>();
    java.util.List<String> current = null;
    for (String line : lines(resource)) {
      if (line.startsWith("[") && line.endsWith("]")) {
        current = new java.util.ArrayList<>();
        out.put(line.substring(1, line.length() - 1), current);
      } else if (current != null) {
        current.add(line);
      }
    }
    return out;
  }

  /** The lines of a UTF-8 resource of the rule data, without blank and {@code #} comment lines. */
  static java.util.List<String> lines(String resource) {
    try (InputStream in = DetectWords.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("rule data " + resource + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read rule data " + resource, e);
    }
  }
}
