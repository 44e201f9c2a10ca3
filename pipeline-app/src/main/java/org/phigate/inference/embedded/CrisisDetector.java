package org.phigate.inference.embedded;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.phigate.inference.safety.Hashes;
import org.phigate.inference.safety.Resources;
import org.phigate.inference.safety.SemanticRedFlags;

/**
 * Finds suicidality, overdose, self-harm and harm to others by meaning, for phrasings no word list holds ("I've
 * been putting a few tablets aside", "they'd do fine if I wasn't around", "won't need refills after this week"):
 * the whole message, every sentence, and every run of up to {@code window} adjacent sentences (pooled from the
 * whole message's one MiniLM run) are scored by a fitted logistic-regression crisis head ({@link CrisisWeights}) and by its cosine similarity to
 * the closest curated crisis statement ({@value #STATEMENTS}) and look-alike ({@value #COUNTER}); the message is a
 * crisis when one unit reaches the fitted probability threshold, is close enough to a crisis statement and closer
 * to it than to any look-alike by the fitted margin (the gates keep short sentences about pills or refills, whose
 * embedding the head misreads, from firing), and the flag is that unit's most likely crisis label. The head is fitted by {@code phigate ai
 * crisis-fit} on those statements, look-alikes that must not fire ({@value #COUNTER}: idioms, history, negation,
 * grief, medication-safety worries, travel and moving logistics) and labelled sets, thresholds by
 * cross-validation. Runs in the {@link org.phigate.inference.safety.SafetyNet} after every model, embedded or
 * remote (found by {@link java.util.ServiceLoader}). Thread-safe.
 */
public final class CrisisDetector implements SemanticRedFlags {
  /** Curated crisis statements: red-flag id, form, statement (the head's positives and the similarity gate). */
  public static final String STATEMENTS = "inference/safety/crisis-statements.tsv";
  /** Curated look-alikes: kind, statement (the head's hard negatives). */
  public static final String COUNTER = "inference/safety/crisis-counter-statements.tsv";

  /**
   * One unit of a message: P(crisis), the closest crisis statement's and the closest look-alike's similarity, and
   * the most likely crisis flag.
   */
  public record Score(double probability, double similarity, double counterSimilarity, String flag) {
    public boolean fires(CrisisWeights w) {
      return fires(w.threshold(), w.minSimilarity(), w.minMargin());
    }

    public boolean fires(double threshold, double minSimilarity, double minMargin) {
      return probability >= threshold && similarity >= minSimilarity && similarity - counterSimilarity >= minMargin;
    }
  }

  private final MiniLmEmbedder embedder;
  private final CrisisWeights weights;
  private final float[][] statements;
  private final float[][] counters;
  private final String version;

  /** The shipped head on the JVM's embedder (what the safety net's service loader builds). */
  public CrisisDetector() {
    this(MiniLmEmbedder.shared(), CrisisWeights.shipped());
  }

  public CrisisDetector(MiniLmEmbedder embedder, CrisisWeights weights) {
    this.embedder = embedder;
    this.weights = weights;
    this.statements = embedder.embed(Resources.rows(STATEMENTS, 3).stream().map(r -> r[2].strip()).toList());
    this.counters = embedder.embed(Resources.rows(COUNTER, 2).stream().map(r -> r[1].strip()).toList());
    this.version = "crisis." + Hashes.sha256(weights.sha256() + Resources.text(STATEMENTS) + Resources.text(COUNTER))
        .substring(0, 12);
  }

  public CrisisWeights weights() {
    return weights;
  }

  @Override
  public String version() {
    return version;
  }

  @Override
  public List<Set<String>> detect(List<String> texts) {
    List<Set<String>> out = new ArrayList<>(texts.size());
    for (List<float[]> units : unitVectors(embedder, texts, weights.window())) {
      Set<String> ids = new LinkedHashSet<>();
      for (int i = 0; i < units.size(); i++) {
        float[] v = units.get(i);
        double[] p = weights.head().probabilities(v);
        double crisis = weights.crisisProbability(p);
        // the statement banks are compared only when the head already fires: most units stop at the threshold
        if (crisis >= weights.threshold()) {
          Score s = score(v, p);
          if (s.fires(weights)) {
            ids.add(s.flag());
          }
        }
        if (i == 0 && crisis < weights.screen()) {
          break;
        }
      }
      out.add(ids);
    }
    return out;
  }

  /**
   * The score of every unit of every text, in order, the whole message first (for fitting and evaluation). A
   * message whose whole-text P(crisis) is below the screen keeps the whole message only. Every unit comes from the
   * one ONNX run of the whole message (the embedded model's run, so usually from the embedder's cache): the sentences
   * are pooled from its token states ({@link MiniLmEmbedder.Pooled}), not run again.
   */
  public List<List<Score>> scores(List<String> texts) {
    return scores(texts, weights.screen());
  }

  /** As {@link #scores(List)} with another screen (0 scores every sentence of every message). */
  public List<List<Score>> scores(List<String> texts, double screen) {
    List<List<Score>> out = new ArrayList<>(texts.size());
    for (List<float[]> units : unitVectors(embedder, texts, weights.window())) {
      List<Score> s = new ArrayList<>(units.size());
      if (!units.isEmpty()) {
        s.add(score(units.get(0)));
        if (s.get(0).probability() >= screen) {
          units.subList(1, units.size()).forEach(v -> s.add(score(v)));
        }
      }
      out.add(s);
    }
    return out;
  }

  /**
   * The unit vectors of each text: the whole message (as the embedded model embeds it), then, for a message of two
   * or more sentences, every sentence and every run of up to {@code window} adjacent sentences (a goodbye and its
   * reason may sit in two), pooled from the whole message's run. Empty for a text without letters.
   */
  public static List<List<float[]>> unitVectors(MiniLmEmbedder embedder, List<String> texts, int window) {
    List<String> wholes = texts.stream().map(t -> ModelText.forEmbedding(ModelText.body(t))).toList();
    List<Integer> at = new ArrayList<>();
    List<String> live = new ArrayList<>();
    for (int i = 0; i < wholes.size(); i++) {
      if (!ModelText.sentenceSpans(wholes.get(i)).isEmpty()) {
        at.add(i);
        live.add(wholes.get(i));
      }
    }
    List<MiniLmEmbedder.Pooled> pooled = live.isEmpty() ? List.of() : embedder.pooled(live);
    List<List<float[]>> out = new ArrayList<>(java.util.Collections.nCopies(texts.size(), List.<float[]>of()));
    for (int k = 0; k < at.size(); k++) {
      MiniLmEmbedder.Pooled p = pooled.get(k);
      List<float[]> units = new ArrayList<>();
      units.add(p.whole());
      List<float[]> sent = p.sentences();
      for (int w = 1; w <= window; w++) {
        for (int i = 0; i + w <= sent.size(); i++) {
          units.add(w == 1 ? sent.get(i) : mean(sent.subList(i, i + w)));
        }
      }
      out.set(at.get(k), units);
    }
    return out;
  }

  private static float[] mean(List<float[]> vs) {
    float[] m = new float[MiniLmEmbedder.DIMENSION];
    vs.forEach(v -> {
      for (int d = 0; d < m.length; d++) {
        m[d] += v[d];
      }
    });
    return MiniLmEmbedder.normalize(m);
  }

  private Score score(float[] v) {
    return score(v, weights.head().probabilities(v));
  }

  private Score score(float[] v, double[] p) {
    int best = -1;
    for (int i = 0; i < p.length; i++) {
      if (!weights.head().labels().get(i).equals(CrisisWeights.NONE) && (best < 0 || p[i] > p[best])) {
        best = i;
      }
    }
    return new Score(weights.crisisProbability(p), closest(v, statements), closest(v, counters),
        weights.head().labels().get(best));
  }

  private static double closest(float[] v, float[][] bank) {
    double sim = -1;
    for (float[] c : bank) {
      double d = 0;
      for (int i = 0; i < c.length; i++) {
        d += c[i] * v[i];
      }
      sim = Math.max(sim, d);
    }
    return sim;
  }

}
