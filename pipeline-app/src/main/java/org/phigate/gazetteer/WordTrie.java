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
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import org.phigate.gazetteer.Gazetteer.Kind;
import org.phigate.gazetteer.Gazetteer.Source;

/**
 * Lists read from their TSV sources into a word trie of hash maps: the reference form, used for a site's own lists,
 * for ablations and to compile the prebuilt form ({@link PrebuiltTrie}) at build time.
 */
final class WordTrie {
  /** Weight of a site list's entries without one: as well known as a city named by a hundred ZIP codes. */
  static final int SITE_WEIGHT = 100;
  private static final int KINDS = Kind.values().length;
  final Node root = new Node();
  int maxWords;
  int entries;

  static final class Node {
    Map<String, Node> next;
    int[] weights;
  }

  /** Reads every list in order into one trie. */
  static WordTrie read(List<Source> sources) {
    WordTrie t = new WordTrie();
    for (Source s : sources) {
      t.read(s);
    }
    return t;
  }

  /** The weights of words {@code key} (lower case), or null when no entry. */
  int[] get(String[] key) {
    Node node = root;
    for (String w : key) {
      node = node.next == null ? null : node.next.get(w);
      if (node == null) {
        return null;
      }
    }
    return node.weights;
  }

  /** Calls {@code action} with every entry's words and weights, in no particular order. */
  void forEach(BiConsumer<List<String>, int[]> action) {
    walk(root, new ArrayList<>(), action);
  }

  private static void walk(Node node, List<String> path, BiConsumer<List<String>, int[]> action) {
    if (node.weights != null) {
      action.accept(List.copyOf(path), node.weights);
    }
    if (node.next != null) {
      for (Map.Entry<String, Node> e : node.next.entrySet()) {
        path.add(e.getKey());
        walk(e.getValue(), path, action);
        path.remove(path.size() - 1);
      }
    }
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
      node.weights = new int[KINDS];
      entries++;
    }
    node.weights[kind.ordinal()] = Math.max(node.weights[kind.ordinal()], weight);
    maxWords = Math.max(maxWords, key.length);
  }

  static List<String> lines(String resource) {
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
