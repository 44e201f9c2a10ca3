package org.phigate.deid.ner;

import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * One token string as the decoder's features need it, made once and kept by {@link WordTable}: its word class, the
 * rows of its previous-outcome features, and for the shipped descriptor ({@link NameFeatures}) the hashes and rows
 * of the features it contributes as itself or as a neighbour. Not thread-safe.
 */
final class Word {
  final String text;
  /** OpenNLP's word class ({@code FeatureGeneratorUtil.tokenFeature}) and its id in the table. */
  final String shape;
  final int shapeId;
  /** Rows of {@code pow=<previous outcome>,<text>} by previous-outcome id; null until first asked for. */
  int[] previousOutcomeRows;
  /** {@link NameFeatures}' own features of this word (window, affixes), hashes and rows; null until first used. */
  long[] hashes;
  int[] rows;
  int lexiconClass;
  /** FNV-1a states of {@code "pw,w=" + text + ","} and {@code "w,nw=" + text + ","}. */
  long pairAsLeft;
  long pairAsRight;
  /**
   * The bigram features of the last few words seen after this one: {@code "pw,w=" + text + "," + next} at
   * [2k] and {@code "w,nw=" + text + "," + next} at [2k + 1], hashes and rows (refilled in turn).
   */
  final Word[] next = new Word[4];
  final long[] nextHashes = new long[8];
  final int[] nextRows = new int[8];
  int nextFilled;
  /** The outcome the text's last sequence gave this word ({@code PreviousMapFeatureGenerator}), when current. */
  String previousOutcome;
  long previousOutcomeText = -1;

  Word(String text, int shapeId, String shape) {
    this.text = text;
    this.shape = shape;
    this.shapeId = shapeId;
  }

  static String shapeOf(String text) {
    return FeatureGeneratorUtil.tokenFeature(text);
  }
}
