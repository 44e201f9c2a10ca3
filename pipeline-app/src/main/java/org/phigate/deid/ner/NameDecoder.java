package org.phigate.deid.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.CachedFeatureGenerator;
import opennlp.tools.util.featuregen.FeatureGeneratorUtil;

/**
 * OpenNLP's {@link NameFinderME} decoding of a maxent name finder (its {@link BeamSearch}, same outcomes and
 * probabilities) with each token's features made and weighed once: only the four previous-outcome features
 * {@code NameFinderME} adds differ between the beam's hypotheses, so the other features' weight sums
 * ({@link FeatureWeights}) are kept per token and each hypothesis adds its four, in OpenNLP's order (the
 * floating-point sums are the same). For the shipped feature descriptor the features come from {@link NameFeatures}
 * (the same strings, made faster); for any other, from the generators the model names. Not thread-safe.
 */
final class NameDecoder {
  // BeamSearch drops sequences scoring at or below this (its zeroLog)
  private static final double MIN_SEQUENCE_SCORE = -100000;
  private final AdaptiveFeatureGenerator features;
  private final FeatureWeights weights;
  private final String[] outcomes;
  private final SequenceCodec<String> codec;
  private final SequenceValidator<String> validator;
  private final int beam;
  private final double prior;
  private final List<String> context = new ArrayList<>(128);

  /** A line's names: spans over its tokens, each with the mean probability of its tokens' outcomes. */
  record Result(Span[] spans, double[] probs) {}

  /** A decoder of {@code model} whose weights, shared by every thread's decoder, are {@code weights}. */
  NameDecoder(TokenNameFinderModel model, FeatureWeights weights) {
    this(model, weights, beamSize(model));
  }

  NameDecoder(TokenNameFinderModel model, FeatureWeights weights, int beam) {
    this(model, weights, beam, shippedFeatures(model) ? new NameFeatures() : generators(model.getFactory()));
  }

  NameDecoder(TokenNameFinderModel model, FeatureWeights weights, int beam, AdaptiveFeatureGenerator features) {
    if (beam < 1) {
      throw new IllegalArgumentException("beam size must be at least 1");
    }
    this.weights = weights;
    this.outcomes = weights.outcomes();
    this.prior = Math.log(1.0 / outcomes.length); // GISModel's UniformPrior
    this.beam = beam;
    TokenNameFinderFactory factory = model.getFactory();
    this.features = features;
    this.codec = factory.createSequenceCodec();
    this.validator = codec.createSequenceValidator();
  }

  /** Whether the model's feature descriptor is the one {@link NameFeatures} reproduces. */
  static boolean shippedFeatures(TokenNameFinderModel model) {
    byte[] descriptor = model.getArtifact("generator.featuregen");
    try (InputStream in = NameDecoder.class.getResourceAsStream(NameFeatures.DESCRIPTOR)) {
      return descriptor != null && in != null && Arrays.equals(descriptor, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + NameFeatures.DESCRIPTOR, e);
    }
  }

  /** The model's own generators, from its descriptor. */
  static AdaptiveFeatureGenerator generators(TokenNameFinderFactory factory) {
    AdaptiveFeatureGenerator generators = factory.createFeatureGenerators();
    // OpenNLP caches a token's features for the beam's other hypotheses; here they are asked for once per token
    return generators instanceof CachedFeatureGenerator c ? c.getCachedFeatureGenerator() : generators;
  }

  /** The beam size the model was trained for ({@code BeamSize} in its manifest; OpenNLP's default 3). */
  static int beamSize(TokenNameFinderModel model) {
    String size = model.getManifestProperty(BeamSearch.BEAM_SIZE_PARAMETER);
    return size == null ? NameFinderME.DEFAULT_BEAM_SIZE : Integer.parseInt(size);
  }

  /** {@link BeamSearch#bestSequence}, then {@code NameFinderME}'s span decoding, probabilities and adaptive data. */
  Result find(String[] tokens) {
    PriorityQueue<Hypothesis> prev = new PriorityQueue<>(beam);
    PriorityQueue<Hypothesis> next = new PriorityQueue<>(beam);
    prev.add(new Hypothesis(null, null, 1));
    double[] base = new double[outcomes.length];
    double[] scores = new double[outcomes.length];
    double[] sorted = new double[outcomes.length];
    for (int i = 0; i < tokens.length; i++) {
      String shape = FeatureGeneratorUtil.tokenFeature(tokens[i]);
      int hypotheses = Math.min(beam, prev.size());
      for (int h = 0; h < hypotheses && !prev.isEmpty(); h++) {
        Hypothesis top = prev.remove();
        String[] previous = top.outcomes();
        if (h == 0) {
          context.clear();
          features.createFeatures(context, tokens, i, previous);
          Arrays.fill(base, prior);
          context.forEach(f -> add(base, f));
        }
        System.arraycopy(base, 0, scores, 0, base.length);
        String po = i > 0 ? previous[i - 1] : NameFinderME.OTHER;
        add(scores, "po=" + po);
        add(scores, "pow=" + po + "," + tokens[i]);
        add(scores, "powf=" + po + "," + shape);
        add(scores, "ppo=" + (i > 1 ? previous[i - 2] : NameFinderME.OTHER));
        softmax(scores);
        System.arraycopy(scores, 0, sorted, 0, scores.length);
        Arrays.sort(sorted);
        double min = sorted[Math.max(0, scores.length - beam)];
        for (int o = 0; o < scores.length; o++) {
          if (scores[o] >= min) {
            extend(next, top, i, tokens, previous, o, scores[o]);
          }
        }
        if (next.isEmpty()) {
          for (int o = 0; o < scores.length; o++) {
            extend(next, top, i, tokens, previous, o, scores[o]);
          }
        }
      }
      prev.clear();
      PriorityQueue<Hypothesis> swap = prev;
      prev = next;
      next = swap;
    }
    Hypothesis best = prev.remove();
    String[] chosen = best.outcomes();
    features.updateAdaptiveData(tokens, chosen);
    Span[] spans = codec.decode(Arrays.asList(chosen));
    double[] tokenProbs = best.probs();
    double[] probs = new double[spans.length];
    for (int s = 0; s < spans.length; s++) {
      double p = 0;
      for (int t = spans[s].getStart(); t < spans[s].getEnd(); t++) {
        p += tokenProbs[t];
      }
      probs[s] = p / spans[s].length();
    }
    return new Result(spans, probs);
  }

  /** Forgets what earlier lines taught the document-level features (previous outcome of a word); after each text. */
  void clearAdaptiveData() {
    features.clearAdaptiveData();
  }

  private void extend(PriorityQueue<Hypothesis> next, Hypothesis top, int i, String[] tokens, String[] previous,
      int o, double p) {
    if (validator.validSequence(i, tokens, previous, outcomes[o])) {
      Hypothesis s = new Hypothesis(top, outcomes[o], p);
      if (s.getScore() > MIN_SEQUENCE_SCORE) {
        next.add(s);
      }
    }
  }

  /**
   * OpenNLP's {@link Sequence} as a link to its parent: the same score ({@code parent + log p}, the root 0) and order
   * (higher score first), but extending it does not copy the history, which {@code Sequence} does for every
   * candidate outcome of every hypothesis.
   */
  private static final class Hypothesis implements Comparable<Hypothesis> {
    private final Hypothesis parent;
    private final String outcome;
    private final double prob;
    private final double score;
    private final int length;

    Hypothesis(Hypothesis parent, String outcome, double prob) {
      this.parent = parent;
      this.outcome = outcome;
      this.prob = prob;
      this.score = parent == null ? 0 : parent.score + StrictMath.log(prob);
      this.length = parent == null ? 0 : parent.length + 1;
    }

    double getScore() {
      return score;
    }

    String[] outcomes() {
      String[] out = new String[length];
      for (Hypothesis h = this; h.parent != null; h = h.parent) {
        out[h.length - 1] = h.outcome;
      }
      return out;
    }

    double[] probs() {
      double[] out = new double[length];
      for (Hypothesis h = this; h.parent != null; h = h.parent) {
        out[h.length - 1] = h.prob;
      }
      return out;
    }

    @Override
    public int compareTo(Hypothesis other) {
      return Double.compare(other.score, score);
    }
  }

  private void add(double[] scores, String feature) {
    weights.add(scores, feature);
  }

  /** GISModel.eval's normalization. */
  private static void softmax(double[] scores) {
    double normal = 0;
    for (int o = 0; o < scores.length; o++) {
      scores[o] = StrictMath.exp(scores[o]);
      normal += scores[o];
    }
    for (int o = 0; o < scores.length; o++) {
      scores[o] /= normal;
    }
  }
}
