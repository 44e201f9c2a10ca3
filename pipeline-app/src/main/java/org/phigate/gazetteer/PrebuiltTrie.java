package org.phigate.gazetteer;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.phigate.gazetteer.Gazetteer.Kind;

/**
 * The shipped lists as flat arrays, compiled at build time ({@link GazetteerCompiler}) and read with one read at
 * start: a vocabulary of the distinct lower-case words (one {@code byte[]}, each char as one to three UTF-8 style
 * bytes, most one; an open-addressing table on
 * {@link String#hashCode()}, which the Java spec fixes, so a table built by one JVM serves every other), and the
 * word trie in breadth-first order (a node's children are one sorted run of word ids; child {@code e} is node
 * {@code e + 1}). Words that start an entry get the first ids, so the root's child for word {@code w} is node
 * {@code w + 1} without a search or a stored edge. Identical weight rows are stored once.
 */
final class PrebuiltTrie {
  static final int MAGIC = 0x50484758; // "PHGX"
  static final int VERSION = 3;
  private static final int KINDS = Kind.values().length;
  private final int maxWords;
  private final int entries;
  private final int rootChildren;
  /** A slot holds the word id + 1 in its low {@code idBits} bits and the top bits of the word's hash above them. */
  private final int idBits;
  private final byte[] bytes;
  private final int[] wordStart;
  private final int[] slots;
  private final int[] childStart;
  private final int[] edgeWord;
  private final int[] rowOf;
  private final int[][] rows;

  private PrebuiltTrie(int maxWords, int entries, int rootChildren, int idBits, byte[] bytes, int[] wordStart, int[] slots,
      int[] childStart, int[] edgeWord, int[] rowOf, int[][] rows) {
    this.maxWords = maxWords;
    this.entries = entries;
    this.rootChildren = rootChildren;
    this.idBits = idBits;
    this.bytes = bytes;
    this.wordStart = wordStart;
    this.slots = slots;
    this.childStart = childStart;
    this.edgeWord = edgeWord;
    this.rowOf = rowOf;
    this.rows = rows;
  }

  int maxWords() {
    return maxWords;
  }

  int entries() {
    return entries;
  }

  /** The id of a lower-case word, or -1 when no entry holds it. */
  int wordId(String word) {
    int mask = slots.length - 1;
    int h = word.hashCode();
    int tag = fragment(h, idBits);
    int idMask = (1 << idBits) - 1;
    for (int i = mix(h) & mask; ; i = (i + 1) & mask) {
      int v = slots[i];
      if (v == 0) {
        return -1;
      }
      // the hash fragment turns most other words away before their bytes are read
      if (v >>> idBits == tag && sameWord((v & idMask) - 1, word)) {
        return (v & idMask) - 1;
      }
    }
  }

  /** The node reached from {@code node} by word {@code id}, or -1. The root is node 0. */
  int child(int node, int id) {
    if (id < 0) {
      return -1;
    }
    if (node == 0) {
      return id < rootChildren ? id + 1 : -1;
    }
    // the root's edges are not stored: edgeWord[k] is edge rootChildren + k
    int e = Arrays.binarySearch(edgeWord, childStart[node] - rootChildren, childStart[node + 1] - rootChildren, id);
    return e >= 0 ? e + rootChildren + 1 : -1;
  }

  /** Whether an entry continues past {@code node}. */
  boolean hasChildren(int node) {
    return childStart[node + 1] > childStart[node];
  }

  /** The weights per kind of the entry ending at {@code node} (shared: never change them), or null. */
  int[] weights(int node) {
    int row = rowOf[node];
    return row == 0 ? null : rows[row];
  }

  private boolean sameWord(int id, String word) {
    int p = wordStart[id];
    int end = wordStart[id + 1];
    int n = word.length();
    if (end - p < n) {
      return false;
    }
    if (end - p == n) {
      // as many bytes as chars: equal only if every char is ASCII and the same (most words)
      for (int k = 0; k < n; k++) {
        if (bytes[p + k] != (byte) word.charAt(k) || word.charAt(k) >= 0x80) {
          return false;
        }
      }
      return true;
    }
    for (int k = 0; k < n; k++) {
      char c = word.charAt(k);
      if (c < 0x80) {
        if (p >= end || bytes[p++] != (byte) c) {
          return false;
        }
      } else if (c < 0x800) {
        if (p + 1 >= end || bytes[p++] != (byte) (0xC0 | c >> 6) || bytes[p++] != (byte) (0x80 | c & 0x3F)) {
          return false;
        }
      } else if (p + 2 >= end || bytes[p++] != (byte) (0xE0 | c >> 12)
          || bytes[p++] != (byte) (0x80 | c >> 6 & 0x3F) || bytes[p++] != (byte) (0x80 | c & 0x3F)) {
        return false;
      }
    }
    return p == end;
  }

  /** Each char as the one to three bytes {@link #sameWord} reads (surrogates one by one, as CESU-8 does). */
  private static void encode(String word, ByteArrayOutputStream out) {
    for (int k = 0; k < word.length(); k++) {
      char c = word.charAt(k);
      if (c < 0x80) {
        out.write(c);
      } else if (c < 0x800) {
        out.write(0xC0 | c >> 6);
        out.write(0x80 | c & 0x3F);
      } else {
        out.write(0xE0 | c >> 12);
        out.write(0x80 | c >> 6 & 0x3F);
        out.write(0x80 | c & 0x3F);
      }
    }
  }

  private static int mix(int h) {
    return h ^ (h >>> 16);
  }

  /** The top {@code 31 - idBits} bits of a hash (the slot index comes from the low bits of {@link #mix}). */
  private static int fragment(int h, int idBits) {
    return h >>> (idBits + 1);
  }

  /** Compiles a trie read from the TSV sources; the same input gives the same bytes. */
  static PrebuiltTrie compile(WordTrie source) {
    TreeSet<String> starters = new TreeSet<>(source.root.next == null ? List.of() : source.root.next.keySet());
    TreeSet<String> inner = new TreeSet<>();
    collectInner(source.root, true, inner);
    inner.removeAll(starters);
    List<String> vocabulary = new ArrayList<>(starters);
    vocabulary.addAll(inner);
    Map<String, Integer> ids = new HashMap<>();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    int[] wordStart = new int[vocabulary.size() + 1];
    for (int i = 0; i < vocabulary.size(); i++) {
      ids.put(vocabulary.get(i), i);
      wordStart[i] = text.size();
      encode(vocabulary.get(i), text);
    }
    wordStart[vocabulary.size()] = text.size();
    int idBits = 32 - Integer.numberOfLeadingZeros(vocabulary.size());
    int[] slots = new int[Integer.highestOneBit(Math.max(2, vocabulary.size()) * 2) * 2];
    for (int i = 0; i < vocabulary.size(); i++) {
      int h = vocabulary.get(i).hashCode();
      int s = mix(h) & (slots.length - 1);
      while (slots[s] != 0) {
        s = (s + 1) & (slots.length - 1);
      }
      slots[s] = fragment(h, idBits) << idBits | (i + 1);
    }
    List<int[]> rows = new ArrayList<>();
    rows.add(null);
    Map<List<Integer>, Integer> rowIds = new HashMap<>();
    List<Integer> childStart = new ArrayList<>();
    List<Integer> edgeWord = new ArrayList<>();
    List<Integer> rowOf = new ArrayList<>();
    ArrayDeque<WordTrie.Node> queue = new ArrayDeque<>();
    queue.add(source.root);
    while (!queue.isEmpty()) {
      WordTrie.Node node = queue.poll();
      childStart.add(edgeWord.size());
      rowOf.add(node.weights == null ? 0 : rowIds.computeIfAbsent(Arrays.stream(node.weights).boxed().toList(),
          k -> {
            rows.add(node.weights.clone());
            return rows.size() - 1;
          }));
      if (node.next != null) {
        node.next.entrySet().stream().sorted(Comparator.comparing(e -> ids.get(e.getKey()))).forEach(e -> {
          edgeWord.add(ids.get(e.getKey()));
          queue.add(e.getValue());
        });
      }
    }
    childStart.add(edgeWord.size());
    int[] stored = ints(edgeWord.subList(starters.size(), edgeWord.size()));
    return new PrebuiltTrie(source.maxWords, source.entries, starters.size(), idBits, text.toByteArray(), wordStart,
        slots, ints(childStart), stored, ints(rowOf), rows.toArray(new int[0][]));
  }

  private static void collectInner(WordTrie.Node node, boolean root, TreeSet<String> out) {
    if (node.next != null) {
      for (Map.Entry<String, WordTrie.Node> e : node.next.entrySet()) {
        if (!root) {
          out.add(e.getKey());
        }
        collectInner(e.getValue(), false, out);
      }
    }
  }

  private static int[] ints(List<Integer> list) {
    return list.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Writes the arrays: a header (magic, version, the kind names they were built for), then each array. */
  void write(OutputStream raw) throws IOException {
    DataOutputStream out = new DataOutputStream(raw);
    out.writeInt(MAGIC);
    out.writeInt(VERSION);
    out.writeInt(KINDS);
    for (Kind k : Kind.values()) {
      byte[] name = k.name().getBytes(StandardCharsets.US_ASCII);
      out.writeInt(name.length);
      out.write(name);
    }
    out.writeInt(maxWords);
    out.writeInt(entries);
    out.writeInt(rootChildren);
    out.writeInt(idBits);
    out.writeInt(bytes.length);
    out.write(bytes);
    for (int[] array : List.of(wordStart, slots, childStart, edgeWord, rowOf)) {
      writeInts(out, array);
    }
    out.writeInt(rows.length);
    for (int r = 1; r < rows.length; r++) {
      for (int w : rows[r]) {
        out.writeInt(w);
      }
    }
    out.flush();
  }

  private static void writeInts(DataOutputStream out, int[] array) throws IOException {
    out.writeInt(array.length);
    for (int v : array) {
      out.writeInt(v);
    }
  }

  /**
   * Reads what {@link #write} wrote.
   *
   * @throws IllegalStateException when the bytes are no prebuilt gazetteer or were built for other kinds
   */
  static PrebuiltTrie read(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    if (in.getInt() != MAGIC || in.getInt() != VERSION) {
      throw new IllegalStateException("the prebuilt gazetteer is not of format version " + VERSION
          + "; rebuild pipeline-app");
    }
    int kinds = in.getInt();
    List<String> names = new ArrayList<>();
    for (int k = 0; k < kinds; k++) {
      byte[] name = new byte[in.getInt()];
      in.get(name);
      names.add(new String(name, StandardCharsets.US_ASCII));
    }
    if (!names.equals(Arrays.stream(Kind.values()).map(Kind::name).toList())) {
      throw new IllegalStateException("the prebuilt gazetteer was built for other list kinds; rebuild pipeline-app");
    }
    int maxWords = in.getInt();
    int entries = in.getInt();
    int rootChildren = in.getInt();
    int idBits = in.getInt();
    byte[] text = new byte[in.getInt()];
    in.get(text);
    int[] wordStart = readInts(in);
    int[] slots = readInts(in);
    int[] childStart = readInts(in);
    int[] edgeWord = readInts(in);
    int[] rowOf = readInts(in);
    int[][] rows = new int[in.getInt()][];
    for (int r = 1; r < rows.length; r++) {
      rows[r] = new int[KINDS];
      in.asIntBuffer().get(rows[r]);
      in.position(in.position() + 4 * KINDS);
    }
    return new PrebuiltTrie(maxWords, entries, rootChildren, idBits, text, wordStart, slots, childStart, edgeWord,
        rowOf, rows);
  }

  private static int[] readInts(ByteBuffer in) {
    int[] out = new int[in.getInt()];
    in.asIntBuffer().get(out);
    in.position(in.position() + 4 * out.length);
    return out;
  }
}
