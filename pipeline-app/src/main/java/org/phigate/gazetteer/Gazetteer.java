package org.phigate.gazetteer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Every place and name list in one word trie, matched in one pass over a text's {@link Words}: at each word the trie
 * is walked as far as the following words continue an entry (at most {@link #maxWords} words), so a text is read
 * once whatever the number of lists or entries, with no pattern per entry. Matching is case-insensitive and on whole
 * words (an entry never matches inside a word); what a capital or its absence means is left to the recognizers.
 * Lists are data: {@code deid/gazetteer/lexicons.tsv} names the shipped files and their kind; a site adds its own
 * with {@code deid.gazetteer.files} ({@code KIND:path}).
 */
public final class Gazetteer {
  /** What a list holds. */
  public enum Kind { FIRST_NAME, SURNAME, PLACE, COUNTY, WORLD_CITY, STREET_TYPE, COMMON_WORD, CLINICAL, COUNTRY }

  /** One list: a resource or file, its kind, and the column (0-based) holding a frequency or size weight (-1: none). */
  public record Source(String location, Kind kind, int weightColumn, boolean resource) {}

  /** Entry found in a text: words {@code first..last} (inclusive) and the weight per kind (0: not in that kind). */
  public record Match(int first, int last, int[] weights) {
    public boolean is(Kind kind) {
      return weights[kind.ordinal()] > 0;
    }

    public int weight(Kind kind) {
      return weights[kind.ordinal()];
    }
  }

  /** Weight of a site list's entries without one: as well known as a city named by a hundred ZIP codes. */
  static final int SITE_WEIGHT = 100;
  private static final String INDEX = "/deid/gazetteer/lexicons.tsv";
  private static volatile Gazetteer shipped;
  private final Node root = new Node();
  private int maxWords;
  private int entries;

  private static final class Node {
    Map<String, Node> next;
    int[] weights;
  }

  /** The shipped lists, loaded once per JVM. */
  public static Gazetteer shipped() {
    Gazetteer g = shipped;
    if (g == null) {
      synchronized (Gazetteer.class) {
        g = shipped;
        if (g == null) {
          g = load(shippedSources());
          shipped = g;
        }
      }
    }
    return g;
  }

  /** The shipped lists plus a site's (the shipped trie is reused when there are none). */
  public static Gazetteer withSite(List<Source> site) {
    if (site.isEmpty()) {
      return shipped();
    }
    List<Source> all = new ArrayList<>(shippedSources());
    all.addAll(site);
    return load(all);
  }

  /** Loads the given lists. */
  public static Gazetteer load(List<Source> sources) {
    Gazetteer g = new Gazetteer();
    for (Source s : sources) {
      g.read(s);
    }
    return g;
  }

  /** The lists named in {@code deid/gazetteer/lexicons.tsv}: {@code file TAB KIND TAB weight column}. */
  public static List<Source> shippedSources() {
    List<Source> out = new ArrayList<>();
    for (String line : lines(INDEX)) {
      String[] f = line.split("\t");
      out.add(new Source(f[0].startsWith("/") ? f[0] : "/deid/gazetteer/" + f[0], Kind.valueOf(f[1]),
          Integer.parseInt(f[2]), true));
    }
    return out;
  }

  /**
   * Site lists from {@code deid.gazetteer.files}: comma-separated {@code KIND:path}, each file one entry per line
   * (optionally a TAB and a weight).
   *
   * @throws IllegalArgumentException naming the entry position when a kind is unknown
   */
  public static List<Source> parseSiteFiles(String spec) {
    List<Source> out = new ArrayList<>();
    int position = 0;
    for (String item : spec.split(",")) {
      String t = item.strip();
      if (t.isEmpty()) {
        continue;
      }
      position++;
      int colon = t.indexOf(':');
      try {
        out.add(new Source(t.substring(colon + 1), Kind.valueOf(t.substring(0, Math.max(colon, 0))), 1, false));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("deid.gazetteer.files entry " + position + " needs KIND:path with KIND one"
            + " of " + java.util.Arrays.toString(Kind.values()));
      }
    }
    return out;
  }

  /** How many entries (over all lists) the trie holds. */
  public int entries() {
    return entries;
  }

  /** Every entry in {@code words}, nested ones included, in order of their first word. */
  public List<Match> scan(Words words) {
    List<Match> out = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      Node node = root;
      for (int j = i; j < words.size() && j < i + maxWords; j++) {
        if (j > i && !words.joined(j - 1) || node.next == null) {
          break;
        }
        node = node.next.get(words.lower(j));
        if (node == null) {
          break;
        }
        if (node.weights != null) {
          out.add(new Match(i, j, node.weights));
        }
      }
    }
    return out;
  }

  /** The weights of one entry written as in a list ("Boise", "st louis"); all zero when absent. */
  public int[] lookup(String entry) {
    Node node = root;
    for (String w : Words.keyOf(entry)) {
      node = node.next == null ? null : node.next.get(w);
      if (node == null) {
        return new int[Kind.values().length];
      }
    }
    return node.weights == null ? new int[Kind.values().length] : node.weights;
  }

  private void read(Source s) {
    for (String line : s.resource() ? lines(s.location()) : fileLines(s.location())) {
      if (s.kind() == Kind.COMMON_WORD || s.kind() == Kind.CLINICAL) {
        // word lists: several words a line, each its own entry
        for (String w : line.strip().split("\\s+")) {
          add(w, s.kind(), 1);
        }
        continue;
      }
      String[] f = line.split("\t");
      Kind kind = s.kind() == Kind.PLACE && f.length > 2 && f[2].equals("county") ? Kind.COUNTY : s.kind();
      // a site's own list is deliberate: its entries count as well known unless the file gives a weight
      int weight = s.weightColumn() >= 0 && s.weightColumn() < f.length ? parse(f[s.weightColumn()])
          : s.resource() ? 1 : SITE_WEIGHT;
      add(f[0], kind, weight);
      // the USPS list gives each street type's abbreviations: every form is the same kind
      if (kind == Kind.STREET_TYPE) {
        for (int c = 1; c < Math.min(f.length, 3); c++) {
          for (String form : f[c].split(",")) {
            add(form, kind, weight);
          }
        }
      }
      if (f[0].startsWith("Saint ")) {
        add("St " + f[0].substring(6), kind, weight);
      }
    }
  }

  private static int parse(String s) {
    try {
      return (int) Math.max(1, Math.min(Integer.MAX_VALUE, Long.parseLong(s.strip())));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  private void add(String entry, Kind kind, int weight) {
    String[] key = Words.keyOf(entry);
    if (key.length == 0) {
      return;
    }
    Node node = root;
    for (String w : key) {
      if (node.next == null) {
        node.next = new HashMap<>(4);
      }
      node = node.next.computeIfAbsent(w, k -> new Node());
    }
    if (node.weights == null) {
      node.weights = new int[Kind.values().length];
      entries++;
    }
    node.weights[kind.ordinal()] = Math.max(node.weights[kind.ordinal()], weight);
    maxWords = Math.max(maxWords, key.length);
  }

  private static List<String> lines(String resource) {
    try (InputStream raw = Gazetteer.class.getResourceAsStream(resource)) {
      if (raw == null) {
        throw new IllegalStateException("gazetteer list " + resource + " is missing from the classpath");
      }
      return readLines(resource.endsWith(".gz") ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gazetteer list " + resource, e);
    }
  }

  private static List<String> fileLines(String file) {
    try (InputStream raw = Files.newInputStream(Path.of(file))) {
      return readLines(file.endsWith(".gz") ? new GZIPInputStream(raw) : raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read gazetteer file named in deid.gazetteer.files", e);
    }
  }

  private static List<String> readLines(InputStream in) throws IOException {
    List<String> out = new ArrayList<>();
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      if (!line.isBlank() && !line.startsWith("#")) {
        out.add(line);
      }
    }
    return out;
  }
}
