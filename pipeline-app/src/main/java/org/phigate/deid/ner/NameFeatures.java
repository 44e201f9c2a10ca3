package org.phigate.deid.ner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.util.StringUtil;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * The features of {@code deid/ner/features.xml}, the same strings in the same order as the OpenNLP generators it
 * names, with each token's lower case and word class computed once per sequence instead of by every generator and
 * window position that asks (up to nine times per token). The model is trained with OpenNLP's generators; the
 * decoder uses this one only for a model whose descriptor is that file ({@link #DESCRIPTOR}); {@code NameFeaturesTest}
 * holds it to OpenNLP's output. Not thread-safe.
 */
final class NameFeatures implements AdaptiveFeatureGenerator {
  /** The descriptor these features reproduce. */
  static final String DESCRIPTOR = "/deid/ner/features.xml";
  private static final int WINDOW = 2;
  private static final int AFFIX = 3;
  private final LexiconFeatures lexicon = new LexiconFeatures();
  private final Map<String, String> previousOutcome = new HashMap<>();
  private String[] sequence;
  private String[] lower;
  private String[] shape;

  @Override
  public void createFeatures(List<String> features, String[] tokens, int index, String[] previousOutcomes) {
    if (tokens != sequence) {
      lower = new String[tokens.length];
      shape = new String[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        lower[i] = StringUtil.toLowerCase(tokens[i]);
        shape[i] = FeatureGeneratorUtil.tokenFeature(tokens[i]);
      }
      sequence = tokens;
    }
    // WindowFeatureGenerator(TokenClassFeatureGenerator(wordAndClass), 2, 2)
    tokenClass(features, "", index);
    window(features, tokens.length, index, "p", -1, this::tokenClass);
    window(features, tokens.length, index, "n", 1, this::tokenClass);
    // WindowFeatureGenerator(TokenFeatureGenerator(lowercase), 2, 2)
    features.add("w=" + lower[index]);
    window(features, tokens.length, index, "p", -1, (f, p, i) -> f.add(p + "w=" + lower[i]));
    window(features, tokens.length, index, "n", 1, (f, p, i) -> f.add(p + "w=" + lower[i]));
    // DefinitionFeatureGenerator (OutcomePriorFeatureGenerator), PreviousMapFeatureGenerator
    features.add("def");
    features.add("pd=" + previousOutcome.get(tokens[index]));
    // BigramNameFeatureGenerator
    if (index > 0) {
      features.add("pw,w=" + tokens[index - 1] + "," + tokens[index]);
      features.add("pwc,wc=" + shape[index - 1] + "," + shape[index]);
    }
    if (index + 1 < tokens.length) {
      features.add("w,nw=" + tokens[index] + "," + tokens[index + 1]);
      features.add("wc,nc=" + shape[index] + "," + shape[index + 1]);
    }
    // SentenceFeatureGenerator(begin, not end)
    if (index == 0) {
      features.add("S=begin");
    }
    // PrefixFeatureGenerator(3), SuffixFeatureGenerator(3)
    String token = tokens[index];
    int affixes = Math.min(AFFIX, token.length());
    for (int i = 0; i < affixes; i++) {
      features.add("pre=" + token.substring(0, i + 1));
    }
    for (int i = 0; i < affixes; i++) {
      features.add("suf=" + token.substring(token.length() - i - 1));
    }
    lexicon.createFeatures(features, tokens, index, previousOutcomes);
  }

  @Override
  public void updateAdaptiveData(String[] tokens, String[] outcomes) {
    for (int i = 0; i < tokens.length; i++) {
      previousOutcome.put(tokens[i], outcomes[i]);
    }
  }

  @Override
  public void clearAdaptiveData() {
    previousOutcome.clear();
  }

  private interface Positioned {
    void add(List<String> features, String prefix, int index);
  }

  private static void window(List<String> features, int length, int index, String side, int step, Positioned f) {
    for (int i = 1; i <= WINDOW; i++) {
      int at = index + step * i;
      if (at >= 0 && at < length) {
        f.add(features, side + i, at);
      }
    }
  }

  private void tokenClass(List<String> features, String prefix, int index) {
    features.add(prefix + "wc=" + shape[index]);
    features.add(prefix + "w&c=" + lower[index] + "," + shape[index]);
  }
}
