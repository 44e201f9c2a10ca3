package org.phigate.deid.ner;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.tokenize.SimpleTokenizer;
import opennlp.tools.util.Span;

/**
 * How the NER model sees a text, the same in training and at run time: OpenNLP's simple tokenizer (runs of letters,
 * of digits, single punctuation marks) and one sequence per line, since a note's header fields stand on lines of
 * their own and a name never crosses a line break.
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
          || lineBreak(text, all[i - 1].getEnd(), all[i].getStart());
      if (cut) {
        out.add(sequence(text, all, from, i));
        from = i;
      }
    }
    return out;
  }

  private static boolean lineBreak(String text, int from, int to) {
    int at = text.indexOf('\n', from);
    return at >= 0 && at < to;
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
