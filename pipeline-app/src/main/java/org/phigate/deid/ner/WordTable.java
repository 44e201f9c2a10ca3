package org.phigate.deid.ner;

import java.util.HashMap;
import java.util.Map;

/**
 * A decoder's {@link Word}s by token text, so a word's features are hashed and looked up once instead of at every
 * occurrence. Emptied between texts once it holds {@link #LIMIT} words. Not thread-safe.
 */
final class WordTable {
  static final int LIMIT = 30_000;
  private final Map<String, Word> words = new HashMap<>();
  private final Map<String, Integer> shapes = new HashMap<>();

  /** The words of a sequence's tokens. */
  Word[] of(String[] tokens) {
    Word[] out = new Word[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      Word w = words.get(tokens[i]);
      if (w == null) {
        String shape = Word.shapeOf(tokens[i]);
        w = new Word(tokens[i], shapes.computeIfAbsent(shape, s -> shapes.size()), shape);
        words.put(tokens[i], w);
      }
      out[i] = w;
    }
    return out;
  }

  /** Called between texts. */
  void endOfText() {
    if (words.size() >= LIMIT) {
      words.clear();
    }
  }
}
