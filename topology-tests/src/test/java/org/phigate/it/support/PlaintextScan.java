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
 * {@code \\uXXXX} escapes. A hit is reported by where it was and the value's category, never by the value.
 */
public final class PlaintextScan {
  private static final Pattern UNICODE_ESCAPE = Pattern.compile("\\\\u([0-9a-f]{4})");
  private static final Pattern PARTITION_DIR = Pattern.compile("^(.+)-\\d+$");

  private final Map<String, String> categoryByForm = new TreeMap<>();
  private final Trie trie;

  /** A scanner for these values (value -> category). */
  public PlaintextScan(Map<String, String> phi) {
    phi.forEach((value, category) -> {
      for (String form : forms(value)) {
        categoryByForm.putIfAbsent(latin1(form.getBytes(StandardCharsets.UTF_8)), category);
      }
    });
    trie = Trie.builder().addKeywords(categoryByForm.keySet()).build();
  }

  /** One file (or text) that holds a PHI value in the clear: where, and of which category. */
  public record Hit(String topic, String file, String category) {
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
        for (String category : categories(latin1(Files.readAllBytes(file)))) {
          hits.add(new Hit(topic, name, category));
        }
      }
    }
    return hits;
  }

  /** The categories of the PHI values found in text (log lines, console output). */
  public Set<String> categories(String textOrLatin1) {
    Set<String> found = new TreeSet<>();
    for (Emit emit : trie.parseText(textOrLatin1)) {
      found.add(categoryByForm.get(emit.getKeyword()));
    }
    return found;
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

  private static String latin1(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }
}
