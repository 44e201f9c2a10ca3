package org.phigate.gazetteer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every place and name list in one word trie, matched in one pass over a text's {@link Words}: at each word the trie
 * is walked as far as the following words continue an entry (at most {@link #maxWords} words), so a text is read
 * once whatever the number of lists or entries, with no pattern per entry. Matching is case-insensitive and on whole
 * words (an entry never matches inside a word); what a capital or its absence means is left to the recognizers.
 * Lists are data: {@code deid/gazetteer/lexicons.tsv} names the shipped files, their kind, source and licence; the
 * build compiles them into {@code deid/gazetteer/gazetteer.bin} ({@link GazetteerCompiler}), which {@link #shipped()}
 * reads with one read. A site adds its own lists with {@code deid.gazetteer.files} ({@code KIND:path}), read from
 * their files on top of the prebuilt ones.
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

  /** The manifest of the shipped lists. */
  static final String MANIFEST = "/deid/gazetteer/lexicons.tsv";
  /** The shipped lists compiled at build time. */
  static final String PREBUILT = "/deid/gazetteer/gazetteer.bin";
  private static final int KINDS = Kind.values().length;
  private static volatile Gazetteer shipped;
  private final PrebuiltTrie prebuilt;
  private final WordTrie overlay;
  private final int maxWords;
  private final int entries;

  private Gazetteer(PrebuiltTrie prebuilt, WordTrie overlay) {
    this.prebuilt = prebuilt;
    this.overlay = overlay;
    int shared = 0;
    if (prebuilt != null && overlay != null) {
      int[] both = {0};
      overlay.forEach((key, weights) -> both[0] += prebuiltGet(prebuilt, key) != null ? 1 : 0);
      shared = both[0];
    }
    this.maxWords = Math.max(prebuilt == null ? 0 : prebuilt.maxWords(), overlay == null ? 0 : overlay.maxWords);
    this.entries = (prebuilt == null ? 0 : prebuilt.entries()) + (overlay == null ? 0 : overlay.entries) - shared;
  }

  /** The shipped lists, read once per JVM from their prebuilt form. */
  public static Gazetteer shipped() {
    Gazetteer g = shipped;
    if (g == null) {
      synchronized (Gazetteer.class) {
        g = shipped;
        if (g == null) {
          g = new Gazetteer(readPrebuilt(), null);
          shipped = g;
        }
      }
    }
    return g;
  }

  /** The shipped lists plus a site's (the shipped gazetteer itself when there are none). */
  public static Gazetteer withSite(List<Source> site) {
    if (site.isEmpty()) {
      return shipped();
    }
    return new Gazetteer(shipped().prebuilt, WordTrie.read(site));
  }

  /** A gazetteer over a prebuilt trie alone (tests compile their own). */
  static Gazetteer of(PrebuiltTrie prebuilt) {
    return new Gazetteer(prebuilt, null);
  }

  /** A gazetteer over lists already read from their sources. */
  static Gazetteer from(WordTrie trie) {
    return new Gazetteer(null, trie);
  }

  /** Reads the given lists from their TSV sources (no prebuilt form: ablations, and the reference it is checked by). */
  public static Gazetteer load(List<Source> sources) {
    return new Gazetteer(null, WordTrie.read(sources));
  }

  /**
   * The lists named in {@code deid/gazetteer/lexicons.tsv}: {@code file TAB KIND TAB weight column TAB source TAB
   * licence} (a path starting with {@code /} is a classpath resource elsewhere; others sit beside the manifest).
   */
  public static List<Source> shippedSources() {
    return sourcesOf(MANIFEST);
  }

  private static List<Source> sourcesOf(String manifest) {
    return parseManifest(WordTrie.lines(manifest), manifest.substring(0, manifest.lastIndexOf('/') + 1));
  }

  /** Manifest lines (comments left out) as sources, a relative file resolved in the classpath folder {@code folder}. */
  static List<Source> parseManifest(List<String> lines, String folder) {
    List<Source> out = new ArrayList<>();
    for (String line : lines) {
      String[] f = line.split("\t");
      if (f.length < 5 || f[3].isBlank() || f[4].isBlank()) {
        throw new IllegalStateException("gazetteer manifest line for " + f[0] + " needs file, kind, weight column, "
            + "source and licence");
      }
      out.add(new Source(f[0].startsWith("/") ? f[0] : folder + f[0], Kind.valueOf(f[1]), Integer.parseInt(f[2]),
          true));
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

  /** How many entries (over all lists) the gazetteer holds. */
  public int entries() {
    return entries;
  }

  /** The most words an entry holds. */
  public int maxWords() {
    return maxWords;
  }

  /** Every entry in {@code words}, nested ones included, in order of their first word (then of their last). */
  public List<Match> scan(Words words) {
    List<Match> out = new ArrayList<>();
    int[] ids = null;
    if (prebuilt != null) {
      ids = new int[words.size()];
      for (int i = 0; i < ids.length; i++) {
        ids[i] = prebuilt.wordId(words.lower(i));
      }
    }
    List<Match> site = new ArrayList<>();
    for (int i = 0; i < words.size(); i++) {
      int before = out.size();
      if (prebuilt != null) {
        int node = 0;
        for (int j = i; j < words.size() && j < i + prebuilt.maxWords(); j++) {
          // a node without children ends the walk before the gap to the next word is read
          if (j > i && (!prebuilt.hasChildren(node) || !words.joined(j - 1))) {
            break;
          }
          node = prebuilt.child(node, ids[j]);
          if (node < 0) {
            break;
          }
          int[] weights = prebuilt.weights(node);
          if (weights != null) {
            out.add(new Match(i, j, weights));
          }
        }
      }
      if (overlay != null) {
        site.clear();
        scanOverlay(words, i, site);
        merge(out, before, site);
      }
    }
    return out;
  }

  private void scanOverlay(Words words, int i, List<Match> out) {
    WordTrie.Node node = overlay.root;
    for (int j = i; j < words.size() && j < i + overlay.maxWords; j++) {
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

  /** Merges a site's matches at one first word into the shipped ones from {@code from} on, by last word. */
  private static void merge(List<Match> out, int from, List<Match> site) {
    for (Match m : site) {
      int k = from;
      while (k < out.size() && out.get(k).last() < m.last()) {
        k++;
      }
      if (k < out.size() && out.get(k).last() == m.last()) {
        out.set(k, new Match(m.first(), m.last(), max(out.get(k).weights(), m.weights())));
      } else {
        out.add(k, m);
      }
    }
  }

  private static int[] max(int[] a, int[] b) {
    int[] out = new int[KINDS];
    for (int k = 0; k < KINDS; k++) {
      out[k] = Math.max(a[k], b[k]);
    }
    return out;
  }

  /** The weights of one entry written as in a list ("Boise", "st louis"); all zero when absent. */
  public int[] lookup(String entry) {
    int[] weights = lookupWords(Arrays.asList(Words.keyOf(entry)));
    return weights == null ? new int[KINDS] : weights;
  }

  /** The weights of the entry of these lower-case words, or null when absent. */
  int[] lookupWords(List<String> key) {
    int[] a = prebuilt == null ? null : prebuiltGet(prebuilt, key);
    int[] b = overlay == null ? null : overlay.get(key.toArray(new String[0]));
    return a == null ? b : b == null ? a : max(a, b);
  }

  private static int[] prebuiltGet(PrebuiltTrie trie, List<String> key) {
    if (key.isEmpty()) {
      return null;
    }
    int node = 0;
    for (String w : key) {
      node = trie.child(node, trie.wordId(w));
      if (node < 0) {
        return null;
      }
    }
    return trie.weights(node);
  }

  private static PrebuiltTrie readPrebuilt() {
    try (InputStream in = Gazetteer.class.getResourceAsStream(PREBUILT)) {
      if (in == null) {
        throw new IllegalStateException("the prebuilt gazetteer " + PREBUILT + " is missing from the classpath: the "
            + "build writes it (GazetteerCompiler at process-classes); build pipeline-app with Maven");
      }
      return PrebuiltTrie.read(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the prebuilt gazetteer " + PREBUILT, e);
    }
  }
}
