package org.phigate.inference.safety;

import java.util.List;
import org.phigate.schema.Urgency;

/**
 * One lexicon entry: an id ({@code group.name}), the lowest urgency it implies, and its patterns. A pattern is one
 * or more conjuncts that must all occur somewhere in the message ({@code chemo && fever}); a conjunct is a list of
 * normalized parts that must appear in order in one sentence with at most {@link RedFlagLexicon#MAX_GAP} words
 * between them ({@code pain ... chest}).
 */
public record RedFlag(String id, Urgency urgency, List<List<List<String>>> patterns) {
  /** Group of red flags whose replies carry crisis resources and escalate at once. */
  public static final String CRISIS_GROUP = "crisis";

  public RedFlag {
    patterns = patterns.stream().map(p -> p.stream().map(List::copyOf).toList()).toList();
  }

  public String group() {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }

  public boolean crisis() {
    return CRISIS_GROUP.equals(group());
  }
}
