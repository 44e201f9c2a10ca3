package org.phigate.deid.ner;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;

/** {@link ContextFeatures} from OpenNLP feature generators: their strings, hashed and looked up one by one. */
final class GeneratorFeatures implements ContextFeatures {
  private final AdaptiveFeatureGenerator generators;
  private final FeatureWeights weights;
  private final List<String> strings = new ArrayList<>(128);

  GeneratorFeatures(AdaptiveFeatureGenerator generators, FeatureWeights weights) {
    this.generators = generators;
    this.weights = weights;
  }

  @Override
  public void features(Word[] words, String[] tokens, int index, String[] previousOutcomes, Features out) {
    strings.clear();
    generators.createFeatures(strings, tokens, index, previousOutcomes);
    for (String s : strings) {
      long h = FeatureWeights.hash(s);
      out.add(h, weights.row(h));
    }
  }

  @Override
  public boolean readsPreviousOutcomes() {
    return true;
  }

  @Override
  public void updateAdaptiveData(Word[] words, String[] tokens, String[] outcomes) {
    generators.updateAdaptiveData(tokens, outcomes);
  }

  @Override
  public void clearAdaptiveData() {
    generators.clearAdaptiveData();
  }
}
