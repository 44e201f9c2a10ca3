package org.phigate.deid.ner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.PriorityQueue;
import opennlp.tools.ml.BeamSearch;
import opennlp.tools.namefind.NameFinderME;
import opennlp.tools.namefind.NameFinderSequenceValidator;
import opennlp.tools.namefind.TokenNameFinderFactory;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.Sequence;
import opennlp.tools.util.SequenceCodec;
import opennlp.tools.util.SequenceValidator;
import opennlp.tools.util.Span;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import opennlp.tools.util.featuregen.CachedFeatureGenerator;

/**
 * OpenNLP's {@link NameFinderME} decoding of a maxent or perceptron name finder (its {@link BeamSearch}, same
 * outcomes and probabilities) with each token's features made and weighed once: only the four previous-outcome features
 * {@code NameFinderME} adds differ between the beam's hypotheses ({@link PreviousOutcomeFeatures}), so the other
 * features' weight sums ({@link FeatureWeights}) are kept per token and each hypothesis adds its four, in OpenNLP's
 * order (the floating-point sums are the same); hypotheses with the same two previous outcomes share their
 * probabilities. For the shipped feature descriptor the features come from {@link NameFeatures} (the same features,
 * hashed once per word); for any other, from the generators the model names. Not thread-safe.
 */
final class NameDecoder {
  // BeamSearch drops sequences scoring at or below this (its zeroLog)
  private static final double MIN_SEQUENCE_SCORE = -100000;
  private final ContextFeatures features;
  private final PreviousOutcomeFeatures previousOutcomes;
  private final FeatureWeights weights;
  private final String[] outcomes;
  private final SequenceCodec<String> codec;
  private final SequenceValidator<String> validator;
  // NameFinderSequenceValidator asks only the last outcome: valid[last outcome, or outcomes.length at the start][o]
  private final boolean[][] valid;
  private final int beam;
  private final double prior;
  private final WordTable words = new WordTable();
  private final Features context = new Features();
  private final PriorityQueue<Hypothesis> queueA;
  private final PriorityQueue<Hypothesis> queueB;
  private final double[] base;
  private final double[][] probs;
  private final int[] scoredPrevious;
  private final int[] scoredBefore;
  private final double[] sorted;

  /** A line's names: spans over its tokens, each with the mean probability of its tokens' outcomes. */
  record Result(Span[] spans, double[] probs) {}

  /** A decoder of {@code model} whose weights, shared by every thread's decoder, are {@code weights}. */
  NameDecoder(TokenNameFinderModel model, FeatureWeights weights) {
    this(model, weights, beamSize(model));
  }

  NameDecoder(TokenNameFinderModel model, FeatureWeights weights, int beam) {
    this(model, weights, beam, shippedFeatures(model) ? new NameFeatures(weights)
        : new GeneratorFeatures(generators(model.getFactory()), weights));
  }

  NameDecoder(TokenNameFinderModel model, FeatureWeights weights, int beam, ContextFeatures features) {
    if (beam < 1) {
      throw new IllegalArgumentException("beam size must be at least 1");
    }
    this.weights = weights;
    this.outcomes = weights.outcomes();
    this.prior = weights.prior();
    this.beam = beam;
    TokenNameFinderFactory factory = model.getFactory();
    this.features = features;
    this.previousOutcomes = new PreviousOutcomeFeatures(weights);
    this.codec = factory.createSequenceCodec();
    this.validator = codec.createSequenceValidator();
    this.valid = validator.getClass() == NameFinderSequenceValidator.class ? validity(validator, outcomes) : null;
    this.queueA = new PriorityQueue<>(beam);
    this.queueB = new PriorityQueue<>(beam);
    this.base = new double[outcomes.length];
    this.probs = new double[beam][outcomes.length];
    this.scoredPrevious = new int[beam];
    this.scoredBefore = new int[beam];
    this.sorted = new double[outcomes.length];
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

  /** The validator's answer for every last outcome (none at the start) and next outcome. */
  static boolean[][] validity(SequenceValidator<String> validator, String[] outcomes) {
    boolean[][] table = new boolean[outcomes.length + 1][outcomes.length];
    String[] none = new String[1];
    for (int last = 0; last <= outcomes.length; last++) {
      String[] history = last == outcomes.length ? new String[0] : new String[] {outcomes[last]};
      for (int o = 0; o < outcomes.length; o++) {
        table[last][o] = validator.validSequence(history.length, none, history, outcomes[o]);
      }
    }
    return table;
  }

  /** {@link BeamSearch#bestSequence}, then {@code NameFinderME}'s span decoding, probabilities and adaptive data. */
  Result find(String[] tokens) {
    Word[] sequence = words.of(tokens);
    PriorityQueue<Hypothesis> prev = queueA;
    PriorityQueue<Hypothesis> next = queueB;
    prev.clear();
    next.clear();
    prev.add(new Hypothesis(null, -1, 1));
    boolean history = valid == null || features.readsPreviousOutcomes();
    for (int i = 0; i < tokens.length; i++) {
      int hypotheses = Math.min(beam, prev.size());
      for (int h = 0; h < hypotheses && !prev.isEmpty(); h++) {
        Hypothesis top = prev.remove();
        String[] previous = history ? top.outcomes(outcomes) : null;
        if (h == 0) {
          context.clear();
          features.features(sequence, tokens, i, previous, context);
          Arrays.fill(base, prior);
          weights.addAll(base, context.known(), context.knownSize());
        }
        int last = i > 0 ? top.outcome : previousOutcomes.other();
        int before = i > 1 ? top.parent.outcome : previousOutcomes.other();
        double[] scores = probs[h];
        int same = -1;
        for (int g = 0; g < h && same < 0; g++) {
          if (scoredPrevious[g] == last && scoredBefore[g] == before) {
            same = g;
          }
        }
        if (same >= 0) {
          System.arraycopy(probs[same], 0, scores, 0, scores.length);
        } else {
          System.arraycopy(base, 0, scores, 0, base.length);
          previousOutcomes.add(scores, sequence[i], last, before);
          weights.normalize(scores);
        }
        scoredPrevious[h] = last;
        scoredBefore[h] = before;
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
    String[] chosen = best.outcomes(outcomes);
    features.updateAdaptiveData(sequence, tokens, chosen);
    Span[] spans = codec.decode(Arrays.asList(chosen));
    double[] tokenProbs = best.probs();
    double[] spanProbs = new double[spans.length];
    for (int s = 0; s < spans.length; s++) {
      double p = 0;
      for (int t = spans[s].getStart(); t < spans[s].getEnd(); t++) {
        p += tokenProbs[t];
      }
      spanProbs[s] = p / spans[s].length();
    }
    return new Result(spans, spanProbs);
  }

  /** Forgets what earlier lines taught the document-level features (previous outcome of a word); after each text. */
  void clearAdaptiveData() {
    features.clearAdaptiveData();
    words.endOfText();
  }

  private void extend(PriorityQueue<Hypothesis> next, Hypothesis top, int i, String[] tokens, String[] previous,
      int o, double p) {
    boolean ok = valid != null ? valid[i > 0 ? top.outcome : outcomes.length][o]
        : validator.validSequence(i, tokens, previous, outcomes[o]);
    if (ok) {
      Hypothesis s = new Hypothesis(top, o, p);
      if (s.above(MIN_SEQUENCE_SCORE)) {
        next.add(s);
      }
    }
  }

  /**
   * OpenNLP's {@link Sequence} as a link to its parent: the same score ({@code parent + StrictMath.log(p)}, the root
   * 0) and order (higher score first), but extending it does not copy the history, which {@code Sequence} does for
   * every candidate outcome of every hypothesis. {@code StrictMath.log} (a native call here) is made only when the
   * score is needed: for a hypothesis the beam keeps, or to order two whose bounds overlap. The bounds come from
   * {@code Math.log} (within 1 ulp of the exact logarithm, as {@code StrictMath.log} is; the margin is 8 ulps) and
   * floating-point addition is monotonic, so every comparison the queue makes has the exact scores' answer.
   */
  private static final class Hypothesis implements Comparable<Hypothesis> {
    private final Hypothesis parent;
    private final int outcome;
    private final double prob;
    private final int length;
    private final double low;
    private final double high;
    private double score;
    private boolean exact;

    Hypothesis(Hypothesis parent, int outcome, double prob) {
      this.parent = parent;
      this.outcome = outcome;
      this.prob = prob;
      this.length = parent == null ? 0 : parent.length + 1;
      if (parent == null) {
        exact = true;
        low = high = 0;
      } else if (prob >= Double.MIN_NORMAL && prob < 1) {
        double base = parent.score();
        double log = Math.log(prob);
        double margin = 8 * Math.ulp(log);
        low = Math.nextDown(base + Math.nextDown(log - margin));
        high = Math.nextUp(base + Math.nextUp(log + margin));
      } else {
        score();
        low = high = score;
      }
    }

    double score() {
      if (!exact) {
        score = parent.score() + StrictMath.log(prob);
        exact = true;
      }
      return score;
    }

    /** Whether the score is above {@code min}. */
    boolean above(double min) {
      return low > min || high > min && score() > min;
    }

    String[] outcomes(String[] names) {
      String[] out = new String[length];
      for (Hypothesis h = this; h.parent != null; h = h.parent) {
        out[h.length - 1] = names[h.outcome];
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
      if (low > other.high) {
        return -1;
      }
      if (high < other.low) {
        return 1;
      }
      return Double.compare(other.score(), score());
    }
  }
}
