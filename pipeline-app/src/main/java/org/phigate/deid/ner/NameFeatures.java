package org.phigate.deid.ner;

import static org.phigate.deid.ner.FeatureWeights.START;
import static org.phigate.deid.ner.FeatureWeights.feed;
import static org.phigate.deid.ner.FeatureWeights.finish;

import java.util.HashMap;
import java.util.Map;
import opennlp.tools.util.StringUtil;

/**
 * The features of {@code deid/ner/features.xml} in the order of the OpenNLP generators it names, as the hashes of
 * their strings (never built) and their rows: what a word contributes as itself or as a neighbour (word class, lower
 * case, affixes, word-list class) is hashed and looked up once per {@link Word}, features of a few values (pairs of
 * word classes, of word-list classes) once per decoder; only the two word bigrams are hashed at every token. The model
 * is trained with OpenNLP's generators; the decoder uses this only for a model whose descriptor is that file
 * ({@link #DESCRIPTOR}); {@code NameFeaturesTest} holds every hash to OpenNLP's strings. Not thread-safe.
 */
final class NameFeatures implements ContextFeatures {
  /** The descriptor these features reproduce. */
  static final String DESCRIPTOR = "/deid/ner/features.xml";
  private static final int AFFIX = 3;
  // window positions: the token, p1, p2, n1, n2; a word's hashes: [2p] wc, [2p + 1] w&c, [10 + p] w, then affixes
  private static final String[] POSITIONS = {"", "p1", "p2", "n1", "n2"};
  private static final int WORD = 10;
  private static final int AFFIXES = 15;
  // FNV-1a states after the features' fixed beginnings
  private static final long[] CLASS = states("wc=");
  private static final long[] WORD_AND_CLASS = states("w&c=");
  private static final long[] LOWER = states("w=");
  private static final long PREFIX = feed(START, "pre=");
  private static final long SUFFIX = feed(START, "suf=");
  private static final long PAIR_AS_LEFT = feed(START, "pw,w=");
  private static final long PAIR_AS_RIGHT = feed(START, "w,nw=");
  private static final long DEF = FeatureWeights.hash("def");
  private static final long BEGIN = FeatureWeights.hash("S=begin");
  private final FeatureWeights weights;
  private final String[] outcomes;
  private final LexiconFeatures lexicon = new LexiconFeatures();
  private final Map<String, Integer> lexiconIds = new HashMap<>();
  private final String[] lexiconNames = new String[FeatureMemo.STRIDE];
  private final int bos;
  private final int eos;
  private final int defRow;
  private final int beginRow;
  private final FeatureMemo previousMap = new FeatureMemo();
  private final FeatureMemo shapesBefore = new FeatureMemo();
  private final FeatureMemo shapesAfter = new FeatureMemo();
  private final FeatureMemo lexiconHere = new FeatureMemo();
  private final FeatureMemo lexiconBefore = new FeatureMemo();
  private final FeatureMemo lexiconAfter = new FeatureMemo();
  private final FeatureMemo lexiconBeforeHere = new FeatureMemo();
  private final FeatureMemo lexiconHereAfter = new FeatureMemo();
  // PreviousMapFeatureGenerator's map lives in the words, current while their mark is this text's
  private long text;

  NameFeatures(FeatureWeights weights) {
    this.weights = weights;
    this.outcomes = weights.outcomes();
    this.bos = lexiconId("bos");
    this.eos = lexiconId("eos");
    this.defRow = weights.row(DEF);
    this.beginRow = weights.row(BEGIN);
  }

  @Override
  public void features(Word[] words, String[] tokens, int index, String[] previousOutcomes, Features out) {
    int n = tokens.length;
    Word self = prepared(words[index]);
    // WindowFeatureGenerator(TokenClassFeatureGenerator(wordAndClass), 2, 2): the token, previous, next
    own(out, self, 0);
    own(out, self, 1);
    for (int k = 1; k <= 2; k++) {
      if (index - k >= 0) {
        Word w = prepared(words[index - k]);
        own(out, w, 2 * k);
        own(out, w, 2 * k + 1);
      }
    }
    for (int k = 1; k <= 2; k++) {
      if (index + k < n) {
        Word w = prepared(words[index + k]);
        own(out, w, 2 * (2 + k));
        own(out, w, 2 * (2 + k) + 1);
      }
    }
    // WindowFeatureGenerator(TokenFeatureGenerator(lowercase), 2, 2)
    own(out, self, WORD);
    for (int k = 1; k <= 2; k++) {
      if (index - k >= 0) {
        own(out, words[index - k], WORD + k);
      }
    }
    for (int k = 1; k <= 2; k++) {
      if (index + k < n) {
        own(out, words[index + k], WORD + 2 + k);
      }
    }
    // DefinitionFeatureGenerator (OutcomePriorFeatureGenerator), PreviousMapFeatureGenerator
    out.add(DEF, defRow);
    previousMap(out, self.previousOutcomeText == text ? self.previousOutcome : null);
    // BigramNameFeatureGenerator
    if (index > 0) {
      Word before = words[index - 1];
      int k = 2 * bigram(before, self);
      out.add(before.nextHashes[k], before.nextRows[k]);
      pair(out, shapesBefore, "pwc,wc=", before.shapeId, before.shape, self.shapeId, self.shape);
    }
    if (index + 1 < n) {
      Word after = words[index + 1];
      int k = 2 * bigram(self, after) + 1;
      out.add(self.nextHashes[k], self.nextRows[k]);
      pair(out, shapesAfter, "wc,nc=", self.shapeId, self.shape, after.shapeId, after.shape);
    }
    // SentenceFeatureGenerator(begin, not end)
    if (index == 0) {
      out.add(BEGIN, beginRow);
    }
    // PrefixFeatureGenerator(3), SuffixFeatureGenerator(3)
    for (int i = AFFIXES; i < self.hashes.length; i++) {
      own(out, self, i);
    }
    // LexiconFeatures
    int here = self.lexiconClass;
    int before = index > 0 ? words[index - 1].lexiconClass : bos;
    int after = index + 1 < n ? words[index + 1].lexiconClass : eos;
    single(out, lexiconHere, "lx=", here);
    single(out, lexiconBefore, "lx-1=", before);
    single(out, lexiconAfter, "lx+1=", after);
    pair(out, lexiconBeforeHere, "lx-1,0=", before, lexiconNames[before], here, lexiconNames[here]);
    pair(out, lexiconHereAfter, "lx0,+1=", here, lexiconNames[here], after, lexiconNames[after]);
  }

  @Override
  public boolean readsPreviousOutcomes() {
    return false;
  }

  @Override
  public void updateAdaptiveData(Word[] words, String[] tokens, String[] outcomes) {
    for (int i = 0; i < tokens.length; i++) {
      words[i].previousOutcome = outcomes[i];
      words[i].previousOutcomeText = text;
    }
  }

  @Override
  public void clearAdaptiveData() {
    text++;
  }

  private static long[] states(String feature) {
    long[] states = new long[POSITIONS.length];
    for (int p = 0; p < POSITIONS.length; p++) {
      states[p] = feed(feed(START, POSITIONS[p]), feature);
    }
    return states;
  }

  private static void own(Features out, Word w, int i) {
    out.add(w.hashes[i], w.rows[i]);
  }

  /** The word's own features, made the first time it is seen. */
  private Word prepared(Word w) {
    if (w.hashes != null) {
      return w;
    }
    String token = w.text;
    String lower = StringUtil.toLowerCase(token);
    int affixes = Math.min(AFFIX, token.length());
    long[] hashes = new long[AFFIXES + 2 * affixes];
    for (int p = 0; p < POSITIONS.length; p++) {
      hashes[2 * p] = finish(feed(CLASS[p], w.shape));
      hashes[2 * p + 1] = finish(feed(feed(feed(WORD_AND_CLASS[p], lower), ','), w.shape));
      hashes[WORD + p] = finish(feed(LOWER[p], lower));
    }
    for (int i = 0; i < affixes; i++) {
      hashes[AFFIXES + i] = finish(feed(PREFIX, token, 0, i + 1));
      hashes[AFFIXES + affixes + i] = finish(feed(SUFFIX, token, token.length() - i - 1, token.length()));
    }
    int[] rows = new int[hashes.length];
    for (int i = 0; i < hashes.length; i++) {
      rows[i] = weights.row(hashes[i]);
    }
    w.lexiconClass = lexiconId(lexicon.classOf(token));
    w.pairAsLeft = feed(feed(PAIR_AS_LEFT, token), ',');
    w.pairAsRight = feed(feed(PAIR_AS_RIGHT, token), ',');
    w.rows = rows;
    w.hashes = hashes;
    return w;
  }

  /** Where {@code left} keeps the bigram features of {@code left right}, made if it does not have them. */
  private int bigram(Word left, Word right) {
    for (int k = 0; k < left.next.length; k++) {
      if (left.next[k] == right) {
        return k;
      }
    }
    int k = left.nextFilled;
    left.nextFilled = (k + 1) % left.next.length;
    long pw = finish(feed(left.pairAsLeft, right.text));
    long nw = finish(feed(left.pairAsRight, right.text));
    left.next[k] = right;
    left.nextHashes[2 * k] = pw;
    left.nextRows[2 * k] = weights.row(pw);
    left.nextHashes[2 * k + 1] = nw;
    left.nextRows[2 * k + 1] = weights.row(nw);
    return k;
  }

  private int lexiconId(String name) {
    Integer id = lexiconIds.get(name);
    if (id == null) {
      id = lexiconIds.size();
      if (id >= lexiconNames.length) {
        throw new IllegalStateException("more word-list classes than the NER features expect");
      }
      lexiconIds.put(name, id);
      lexiconNames[id] = name;
    }
    return id;
  }

  /** {@code pd=<outcome>} ("pd=null" for a word the text has not decoded yet). */
  private void previousMap(Features out, String outcome) {
    int key = outcome == null ? outcomes.length : -1;
    for (int o = 0; o < outcomes.length && key < 0; o++) {
      if (outcomes[o].equals(outcome)) {
        key = o;
      }
    }
    if (!previousMap.has(key)) {
      long h = finish(feed(START, "pd=" + outcome));
      if (key < 0) {
        out.add(h, weights.row(h));
        return;
      }
      previousMap.put(key, h, weights.row(h));
    }
    out.add(previousMap.hash(key), previousMap.row(key));
  }

  private void single(Features out, FeatureMemo memo, String prefix, int id) {
    if (!memo.has(id)) {
      long h = finish(feed(feed(START, prefix), lexiconNames[id]));
      memo.put(id, h, weights.row(h));
    }
    out.add(memo.hash(id), memo.row(id));
  }

  /** {@code prefix + a + "," + b}, kept by the pair of ids. */
  private void pair(Features out, FeatureMemo memo, String prefix, int aId, String a, int bId, String b) {
    int key = FeatureMemo.pair(aId, bId);
    if (memo.has(key)) {
      out.add(memo.hash(key), memo.row(key));
      return;
    }
    long h = finish(feed(feed(feed(feed(START, prefix), a), ','), b));
    int row = weights.row(h);
    memo.put(key, h, row);
    out.add(h, row);
  }
}
