package org.phigate.gazetteer;

/** The shipped lists read once per test JVM from their TSV sources: the reference the prebuilt form must equal. */
final class ReferenceLists {
  private static WordTrie trie;

  private ReferenceLists() {}

  static synchronized WordTrie trie() {
    if (trie == null) {
      trie = WordTrie.read(Gazetteer.shippedSources());
    }
    return trie;
  }
}
