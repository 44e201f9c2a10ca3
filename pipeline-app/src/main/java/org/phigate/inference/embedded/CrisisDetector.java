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
 * the whole message, every sentence, and every run of up to {@code window} adjacent sentences are embedded with MiniLM
 * and scored by a fitted logistic-regression crisis head ({@link CrisisWeights}) and by its cosine similarity to
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
    for (List<Score> units : scores(texts)) {
      Set<String> ids = new LinkedHashSet<>();
      units.stream().filter(u -> u.fires(weights)).forEach(u -> ids.add(u.flag()));
      out.add(ids);
    }
    return out;
  }

  /**
   * The score of every unit of every text, in order, the whole message first (for fitting and evaluation). A
   * message whose whole-text P(crisis) is below the screen is not split into sentences: its list holds the whole
   * message only. The whole text is what the embedded model has just embedded, so it usually comes from the
   * embedder's cache.
   */
  public List<List<Score>> scores(List<String> texts) {
    return scores(texts, weights.screen());
  }

  /** As {@link #scores(List)} with another screen (0 scores every sentence of every message). */
  public List<List<Score>> scores(List<String> texts, double screen) {
    List<List<String>> units = texts.stream().map(t -> units(t, weights.window())).toList();
    List<String> wholes = units.stream().filter(u -> !u.isEmpty()).map(u -> u.get(0)).toList();
    float[][] w = wholes.isEmpty() ? new float[0][] : embedder.embed(wholes);
    List<List<Score>> out = new ArrayList<>(texts.size());
    List<String> rest = new ArrayList<>();
    int k = 0;
    for (List<String> u : units) {
      List<Score> s = new ArrayList<>(u.size());
      if (!u.isEmpty()) {
        s.add(score(w[k++]));
        if (s.get(0).probability() >= screen) {
          rest.addAll(u.subList(1, u.size()));
        }
      }
      out.add(s);
    }
    float[][] x = rest.isEmpty() ? new float[0][] : embedder.embed(rest);
    k = 0;
    for (int i = 0; i < units.size(); i++) {
      List<Score> s = out.get(i);
      if (!s.isEmpty() && s.get(0).probability() >= screen) {
        for (int j = 1; j < units.get(i).size(); j++) {
          s.add(score(x[k++]));
        }
      }
    }
    return out;
  }

  private Score score(float[] v) {
    double[] p = weights.head().probabilities(v);
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

  /**
   * The whole message (as the embedded model embeds it, so the embedder's cache answers it), its sentences, and
   * runs of up to {@code window} adjacent sentences (a goodbye and its reason may sit in two sentences).
   */
  public static List<String> units(String text, int window) {
    String whole = ModelText.forEmbedding(ModelText.body(text));
    List<String> sentences = ModelText.sentences(whole);
    Set<String> out = new LinkedHashSet<>();
    if (!sentences.isEmpty()) {
      out.add(whole);
    }
    for (int w = 1; w <= window; w++) {
      for (int i = 0; i + w <= sentences.size(); i++) {
        out.add(String.join(" ", sentences.subList(i, i + w)));
      }
    }
    return List.copyOf(out);
  }
}
