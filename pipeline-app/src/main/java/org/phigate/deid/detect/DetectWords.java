package org.phigate.deid.detect;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule detectors' word lists ({@code deid/detect-words.txt}: a {@code [list]} header, then one entry per line),
 * read once; kept apart from the name lists so the pattern detectors load no dictionary. Also the name frames'
 * regular expressions ({@code deid/name-frames.tsv}, one {@code key<TAB>regex} a line) and the placeholders every
 * rule expression may hold ({@link #expand}).
 */
final class DetectWords {
  private static final Map<String, java.util.List<String>> LISTS = read("/deid/detect-words.txt");
  private static final Pattern REF = Pattern.compile("\\$\\{(lower:)?([\\w.:-]+)\\}");
  private static final Map<String, String> FRAMES = frames();

  private DetectWords() {}

  /** A list as a set of its entries. */
  static Set<String> set(String list) {
    return Set.copyOf(entries(list));
  }

  /** A list as a regular-expression alternation of its entries ("AL|AK|AZ"), in file order. */
  static String alternation(String list) {
    return String.join("|", entries(list));
  }

  /** The compiled name-frame expression of {@code key}. */
  static Pattern pattern(String key) {
    String regex = FRAMES.get(key);
    if (regex == null) {
      throw new IllegalStateException("frame pattern " + key + " is missing from deid/name-frames.tsv");
    }
    return Pattern.compile(regex);
  }

  /**
   * {@code s} with each {@code ${key}} replaced by {@code defined}'s expression, each {@code ${list:NAME}} by a word
   * list as an alternation; {@code ${lower:...}} gives either in lower case.
   */
  static String expand(String s, Map<String, String> defined, String source) {
    return REF.matcher(s).replaceAll(m -> {
      String ref = m.group(2);
      String value = ref.startsWith("list:") ? alternation(ref.substring(5)) : defined.get(ref);
      if (value == null) {
        throw new IllegalStateException(source + ": " + ref + " is used before it is defined");
      }
      return Matcher.quoteReplacement(m.group(1) == null ? value : value.toLowerCase(java.util.Locale.ROOT));
    });
  }

  private static Map<String, String> frames() {
    Map<String, String> out = new HashMap<>();
    for (String line : lines("/deid/name-frames.tsv")) {
      int tab = line.indexOf('\t');
      out.put(line.substring(0, tab), expand(line.substring(tab + 1), out, "deid/name-frames.tsv"));
    }
    return out;
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
