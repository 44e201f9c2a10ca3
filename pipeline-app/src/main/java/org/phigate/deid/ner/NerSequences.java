package org.phigate.deid.ner;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

/**
 * How the NER model sees a text, the same in training and at run time: OpenNLP's simple tokenizer (runs of letters,
 * of digits, single punctuation marks) and one sequence per line, since a note's header fields stand on lines of
 * their own. A line of prose wrapped mid-sentence (a long line ending in a word or comma, one line break) goes on
 * into the next line's sequence, so "her son" at a line's end still tells the model who starts the next one.
 */
public final class NerSequences {
  /** One line's tokens: their text and their character offsets in the whole text. */
  public record Sequence(String[] tokens, Span[] offsets) {}

  /** Longest sequence given to the model at once; a longer line is cut (beam search cost grows with length). */
  static final int MAX_TOKENS = 200;

  private NerSequences() {}

  public static List<Sequence> of(String text) {
    Span[] all = SimpleTokenizer.INSTANCE.tokenizePos(text);
    List<Sequence> out = new ArrayList<>();
    int from = 0;
    for (int i = 1; i <= all.length; i++) {
      boolean cut = i == all.length || i - from >= MAX_TOKENS
          || lineBreak(text, all[i - 1].getEnd(), all[i].getStart()) && !wrapped(text, all[i - 1], all[i]);
      if (cut) {
        out.add(sequence(text, all, from, i));
        from = i;
      }
    }
    return out;
  }

  /** Shorter lines are headers, list items or signatures: each stands alone. */
  static final int WRAPPED_LINE = 60;

  /** One line break between {@code before} and {@code after}, after a word or comma that ends a long line. */
  static boolean wrapped(String text, Span before, Span after) {
    String gap = text.substring(before.getEnd(), after.getStart());
    if (gap.indexOf('\n') != gap.lastIndexOf('\n') || !gap.isBlank()) {
      return false;
    }
    char last = text.charAt(before.getEnd() - 1);
    if (!Character.isLetter(last) && last != ',') {
      return false;
    }
    int lineStart = text.lastIndexOf('\n', before.getStart()) + 1;
    return before.getEnd() - lineStart >= WRAPPED_LINE;
  }

  private static boolean lineBreak(String text, int from, int to) {
    // only the gap between two tokens: indexOf from here would scan to the text's next line break every time
    for (int i = from; i < to; i++) {
      if (text.charAt(i) == '\n') {
        return true;
      }
    }
    return false;
  }

  private static Sequence sequence(String text, Span[] all, int from, int to) {
    String[] tokens = new String[to - from];
    Span[] offsets = new Span[to - from];
    for (int i = from; i < to; i++) {
      offsets[i - from] = all[i];
      tokens[i - from] = text.substring(all[i].getStart(), all[i].getEnd());
    }
    return new Sequence(tokens, offsets);
  }
}
