package org.phigate.deid.ner;

/**
 * A token's context features, all but the previous-outcome ones {@code NameFinderME} adds, as {@link FeatureWeights}
 * hashes and rows in the order the model's feature generators make them. Not thread-safe.
 */
interface ContextFeatures {
  /** Adds token {@code index}'s features to {@code out}; {@code previousOutcomes} is null unless {@link
   * #readsPreviousOutcomes}. */
  void features(Word[] words, String[] tokens, int index, String[] previousOutcomes, Features out);

  /** Whether {@link #features} reads the previous outcomes. */
  boolean readsPreviousOutcomes();

  /** What a decoded sequence teaches the document-level features. */
  void updateAdaptiveData(Word[] words, String[] tokens, String[] outcomes);

  /** Forgets it; after each text. */
  void clearAdaptiveData();
}
