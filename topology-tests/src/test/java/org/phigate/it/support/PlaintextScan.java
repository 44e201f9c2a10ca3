package org.phigate.it.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Looks for PHI strings, byte for byte, in files and text: each value as UTF-8 (which is also how Avro writes a
 * string: a length, then the UTF-8 bytes), as JSON would escape it, and with non-ASCII characters as JSON
 * {@code \\uXXXX} escapes. A hit is reported by where it was and the value's category, never by the value. A short
 * value counts only where a value can start (not right after a letter or digit), so ids and hashes that happen to
 * contain its digits are not reported.
 */
public final class PlaintextScan {
  /** Values shorter than this (in bytes) must start where a value starts; see {@link #startsAValue}. */
  private static final int SHORT = 24;
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-f]{4})");
  private static final Pattern TOKEN_PREFIX = Pattern.compile("\\[[A-Z_]+-$");
  private static final Pattern PARTITION_DIR = Pattern.compile("^(.+)-\\d+$");

  private final Map<String, String> categoryByForm = new TreeMap<>();
  private final Map<String, Integer> valueIdByForm = new TreeMap<>();
  private final Trie trie;

  /** A scanner for these values (value -> category). */
  public PlaintextScan(Map<String, String> phi) {
    int id = 0;
    for (Map.Entry<String, String> value : phi.entrySet()) {
      for (String form : forms(value.getKey())) {
        String bytes = latin1(form.getBytes(StandardCharsets.UTF_8));
        categoryByForm.putIfAbsent(bytes, value.getValue());
        valueIdByForm.putIfAbsent(bytes, id);
      }
      id++;
    }
    trie = Trie.builder().addKeywords(categoryByForm.keySet()).build();
  }

  /**
   * One PHI value in the clear in one file: where, of which category, and which value as its index among the values
   * in sorted order (to compare topics without naming the value).
   */
  public record Hit(String topic, String file, String category, int valueId) {
    @Override
    public String toString() {
      return topic + " (" + file + "): " + category;
    }
  }

  /**
   * Every hit in the files under a broker's log directories; the topic is the partition directory's name without its
   * partition number ({@code phigate.intake.raw-0} -> {@code phigate.intake.raw}), files outside one count as topic
   * {@code (broker)}.
   */
  public List<Hit> scanLogDirs(Path logDirs) throws IOException {
    List<Hit> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(logDirs)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        String topic = "(broker)";
        for (Path dir = file.getParent(); dir != null && dir.startsWith(logDirs); dir = dir.getParent()) {
          var m = PARTITION_DIR.matcher(dir.getFileName().toString());
          if (m.matches()) {
            topic = m.group(1);
            break;
          }
        }
        String name = logDirs.relativize(file).toString();
        String content = latin1(withoutZeroTail(Files.readAllBytes(file)));
        Set<Integer> seen = new TreeSet<>();
        for (Emit emit : trie.parseText(content)) {
          int value = valueIdByForm.get(emit.getKeyword());
          if (startsAValue(content, emit) && seen.add(value)) {
            hits.add(new Hit(topic, name, categoryByForm.get(emit.getKeyword()), value));
          }
        }
      }
    }
    return hits;
  }

  /** The categories of the PHI values found in text (log lines, console output). */
  public Set<String> categories(String textOrLatin1) {
    Set<String> found = new TreeSet<>();
    for (Emit emit : trie.parseText(textOrLatin1)) {
      if (startsAValue(textOrLatin1, emit)) {
        found.add(categoryByForm.get(emit.getKeyword()));
      }
    }
    return found;
  }

  /**
   * Whether a match starts a value rather than sits inside a longer one ("01013" inside a hex hash, "70210" inside a
   * UUID): a short value must not follow a letter or digit. A value written by Avro follows its length, a byte below
   * '0' for the up to {@value #SHORT} bytes this applies to; longer values are distinctive enough on their own.
   */
  private static boolean startsAValue(String text, Emit emit) {
    if (emit.getKeyword().length() >= SHORT || emit.getStart() == 0) {
      return true;
    }
    char before = text.charAt(emit.getStart() - 1);
    return !(before < 128 && Character.isLetterOrDigit(before)) && !inToken(text, emit.getStart());
  }

  /**
   * Whether a match starts right after PHIGate's own token prefix ("[GEO-", "[NAME-"): the token's hex digits
   * ("[GEO-90404c1e]") are a keyed hash, and a short number among the needles matches them by chance.
   */
  private static boolean inToken(String text, int start) {
    return TOKEN_PREFIX.matcher(text.substring(Math.max(0, start - 20), start)).find();
  }

  /** The categories of the PHI values found in UTF-8 text such as captured log lines. */
  public Set<String> categoriesInText(String text) {
    return categories(latin1(text.getBytes(StandardCharsets.UTF_8)));
  }

  /** How many distinct byte patterns are searched. */
  public int patterns() {
    return categoryByForm.size();
  }

  private static Set<String> forms(String value) {
    Set<String> forms = new TreeSet<>();
    forms.add(value);
    forms.add(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    forms.add(value.replace("\\", "\\\\").replace("\"", "\\\""));
    StringBuilder ascii = new StringBuilder();
    value.chars().forEach(c -> ascii.append(c < 128 ? String.valueOf((char) c) : String.format("\\u%04x", c)));
    forms.add(ascii.toString());
    forms.add(UNICODE_ESCAPE.matcher(ascii).replaceAll(m -> "\\\\u" + m.group(1).toUpperCase()));
    return forms;
  }

  /** The bytes up to the last non-zero one: the broker preallocates index files with zeros, and no value holds NUL. */
  private static byte[] withoutZeroTail(byte[] bytes) {
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == 0) {
      end--;
    }
    return end == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, end);
  }

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
