package org.phigate.inference.safety;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ahocorasick.trie.Emit;
import org.ahocorasick.trie.Trie;

/**
 * Every phrase of the lexicon and the context triggers in one Aho-Corasick automaton: a message is scanned once,
 * whatever the number of phrases, and each phrase's occurrences come back as token ranges.
 */
final class PhraseIndex {
  /** One occurrence of a phrase: tokens {@code [start, end)} in sentence {@code clause}. */
  record Span(int start, int end, int clause) {
    boolean overlaps(Span o) {
      return start < o.end && o.start < end;
    }
  }

  private final Trie trie;

  PhraseIndex(Collection<String> phrases) {
    Trie.TrieBuilder builder = Trie.builder();
    for (String p : phrases) {
      builder.addKeyword(" " + p + " ");
    }
    this.trie = builder.build();
  }

  /** Occurrences per phrase (phrases without occurrence are absent). */
  Map<String, List<Span>> scan(PatientText text) {
    Map<String, List<Span>> out = new HashMap<>();
    for (Emit e : trie.parseText(text.padded())) {
      String phrase = e.getKeyword().substring(1, e.getKeyword().length() - 1);
      int start = text.tokenAfterSpace(e.getStart());
      int words = phrase.isEmpty() ? 0 : phrase.split(" ").length;
      int end = start + words;
      if (text.clause(start) != text.clause(end - 1)) {
        continue;
      }
      out.computeIfAbsent(phrase, k -> new ArrayList<>()).add(new Span(start, end, text.clause(start)));
    }
    return out;
  }
}
