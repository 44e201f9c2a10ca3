package org.phigate.inference.embedded;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.drafts.DraftReplies;
import org.phigate.inference.safety.RedFlag;
import org.phigate.inference.safety.RedFlagLexicon;
import org.phigate.inference.safety.SafetyNet;
import org.phigate.schema.ResultStatus;
import org.phigate.schema.Urgency;

/**
 * The embedded (offline) model for every workflow, on MiniLM embeddings ({@link MiniLmEmbedder}):
 * <ul>
 *   <li>{@code message-triage} (and unknown workflows): a trained classifier, logistic-regression heads for
 *       category and urgency ({@link TriageWeights}, fitted with Tribuo by {@code phigate ai fit}); urgency is at
 *       least URGENT when the acute classes together reach the fitted acute threshold; the draft is the template
 *       for category and urgency ({@link DraftReplies}).</li>
 *   <li>{@code note-summary}: extractive, the {@value #SUMMARY_SENTENCES} sentences closest to the note's mean
 *       embedding (its most central ones), in note order.</li>
 *   <li>{@code result-follow-up}: needs action when a follow-up cue (abnormal, critical, a finding, a recommended
 *       repeat; {@value #CUES}) occurs outside a negation ("no acute abnormality").</li>
 * </ul>
 * The red-flag safety net runs after this model in {@code InferenceService}. Batches embed in one call
 * ({@link #inferBatch}). Thread-safe.
 */
public final class EmbeddedModel implements ClinicalModel {
  public static final String MODEL_ID = "phigate-embedded-minilm-logreg";
  public static final String TRIAGE = "message-triage";
  public static final String SUMMARY = "note-summary";
  public static final String FOLLOW_UP = "result-follow-up";
  static final String CUES = "inference/result-follow-up/cues.tsv";
  static final String CUE_CONTEXT = "inference/result-follow-up/context.tsv";
  static final int SUMMARY_SENTENCES = 2;
  private static final String NO_TEXT = "insufficient-text";

  private final MiniLmEmbedder embedder;
  private final TriageWeights weights;
  private final TextFeatures features;
  private final DraftReplies drafts;
  private final SafetyNet cues;
  private final String version;

  /** The shipped classifier, replies and cues on the JVM's embedder. */
  public EmbeddedModel() {
    this(MiniLmEmbedder.shared(), TriageWeights.shipped());
  }

  public EmbeddedModel(MiniLmEmbedder embedder, TriageWeights weights) {
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.weights = Objects.requireNonNull(weights, "weights");
    this.features = new TextFeatures(weights.ngram() == null ? 16 : weights.ngram().buckets());
    this.drafts = DraftReplies.shipped();
    this.cues = new SafetyNet(RedFlagLexicon.load(CUES, CUE_CONTEXT));
    this.version = embedder.version() + "+triage." + weights.sha256().substring(0, 12) + "+cues." + cues.version();
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  /** Embedder artifact version plus the SHA-256 prefixes of the fitted weights and the follow-up cues. */
  @Override
  public String modelVersion() {
    return version;
  }

  /** Loads and warms the ONNX session now instead of on the first event. */
  public void warmUp() {
    embedder.warmUp();
  }

  @Override
  public Assessment infer(String workflow, String prompt) {
    return inferBatch(workflow, List.of(prompt)).get(0);
  }

  @Override
  public List<Assessment> inferBatch(String workflow, List<String> prompts) {
    List<String> bodies = prompts.stream().map(p -> ModelText.body(Objects.requireNonNull(p, "prompt"))).toList();
    return switch (workflow == null ? TRIAGE : workflow) {
      case SUMMARY -> summarize(bodies);
      case FOLLOW_UP -> bodies.stream().map(this::followUp).toList();
      default -> triage(bodies);
    };
  }

  /** Category and urgency probabilities for de-identified texts (the triage heads only; for evaluation). */
  public List<double[][]> probabilities(List<String> texts) {
    float[][] x = embedder.embed(texts.stream().map(ModelText::forEmbedding).toList());
    List<double[][]> out = new ArrayList<>(x.length);
    TriageWeights.Ngram ng = weights.ngram();
    for (int i = 0; i < x.length; i++) {
      double[] pc = weights.category().probabilities(x[i]);
      double[] pu = weights.urgency().probabilities(x[i]);
      if (ng != null) {
        float[] f = features.of(texts.get(i));
        pc = blend(weights.category(), pc, ng.category(), ng.category().probabilities(f),
            ng.categoryEmbeddingWeight());
        pu = blend(weights.urgency(), pu, ng.urgency(), ng.urgency().probabilities(f),
            ng.urgencyEmbeddingWeight());
      }
      out.add(new double[][] {pc, pu});
    }
    return out;
  }

  /** {@code w * a + (1 - w) * b}, with b's labels matched to a's by name. */
  static double[] blend(LinearHead ha, double[] a, LinearHead hb, double[] b, double w) {
    double[] out = new double[a.length];
    for (int k = 0; k < a.length; k++) {
      int j = hb.labels().indexOf(ha.labels().get(k));
      out[k] = w * a[k] + (1 - w) * (j < 0 ? 0 : b[j]);
    }
    return out;
  }

  public TriageWeights weights() {
    return weights;
  }

  private List<Assessment> triage(List<String> bodies) {
    List<Assessment> out = new ArrayList<>(Arrays.asList(new Assessment[bodies.size()]));
    List<Integer> withText = new ArrayList<>();
    for (int i = 0; i < bodies.size(); i++) {
      if (bodies.get(i).codePoints().anyMatch(Character::isLetter)) {
        withText.add(i);
      } else {
        out.set(i, new Assessment("portal-triage", "other", 0.0, Urgency.ROUTINE, "No free text to classify.",
            List.of(), drafts.triage("other", Urgency.ROUTINE, false), null, null, ResultStatus.OK));
      }
    }
    List<double[][]> probs = probabilities(withText.stream().map(bodies::get).toList());
    for (int j = 0; j < withText.size(); j++) {
      out.set(withText.get(j), triageOne(probs.get(j)[0], probs.get(j)[1]));
    }
    return out;
  }

  private Assessment triageOne(double[] pc, double[] pu) {
    LinearHead c = weights.category();
    LinearHead u = weights.urgency();
    int ci = LinearHead.argmax(pc);
    int ui = LinearHead.argmax(pu);
    Urgency urgency = Urgency.valueOf(u.labels().get(ui).toUpperCase(Locale.ROOT));
    double acute = 0;
    for (int k = 0; k < pu.length; k++) {
      String label = u.labels().get(k).toUpperCase(Locale.ROOT);
      if (label.equals("URGENT") || label.equals("EMERGENCY")) {
        acute += pu[k];
      }
    }
    String why = "";
    if (acute >= weights.acuteThreshold() && urgency.ordinal() < Urgency.URGENT.ordinal()) {
      urgency = Urgency.URGENT;
      why = String.format(Locale.ROOT, "; raised to urgent: urgent+emergency %.2f >= %.2f", acute,
          weights.acuteThreshold());
    }
    String category = c.labels().get(ci);
    String rationale = String.format(Locale.ROOT, "Trained classifier: category %s (%.2f), urgency %s (%.2f)%s.",
        category, pc[ci], u.labels().get(ui), pu[ui], why);
    return new Assessment("portal-triage", category, pc[ci], urgency, rationale, List.of(),
        drafts.triage(category, urgency, false), null, null, ResultStatus.OK);
  }

  private List<Assessment> summarize(List<String> bodies) {
    List<List<String>> sentences = bodies.stream().map(ModelText::sentences).toList();
    List<String> all = new ArrayList<>();
    sentences.forEach(s -> s.forEach(t -> all.add(ModelText.forEmbedding(t))));
    float[][] x = embedder.embed(all);
    List<Assessment> out = new ArrayList<>();
    int k = 0;
    for (List<String> s : sentences) {
      if (s.isEmpty()) {
        out.add(new Assessment("note-summary", NO_TEXT, 0.0, null, "No free text to summarize.", List.of(),
            drafts.require("note-summary/summary"), "", null, ResultStatus.OK));
        continue;
      }
      float[][] v = Arrays.copyOfRange(x, k, k + s.size());
      k += s.size();
      out.add(summaryOf(s, v));
    }
    return out;
  }

  private Assessment summaryOf(List<String> sentences, float[][] v) {
    float[] mean = new float[v[0].length];
    for (float[] row : v) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += row[d];
      }
    }
    MiniLmEmbedder.normalize(mean);
    double[] sim = new double[v.length];
    Integer[] idx = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      idx[i] = i;
      for (int d = 0; d < mean.length; d++) {
        sim[i] += v[i][d] * mean[d];
      }
    }
    Arrays.sort(idx, (a, b) -> Double.compare(sim[b], sim[a]));
    List<Integer> chosen = new ArrayList<>(Arrays.asList(idx).subList(0, Math.min(SUMMARY_SENTENCES, idx.length)));
    chosen.sort(null);
    String summary = String.join(" ", chosen.stream().map(sentences::get).toList());
    String rationale = String.format(Locale.ROOT, "Extractive: the %d most central of %d sentences (by embedding).",
        chosen.size(), sentences.size());
    return new Assessment("note-summary", "summary", Math.max(0, Math.min(1, sim[idx[0]])), null, rationale,
        List.of(), drafts.require("note-summary/summary") + " " + summary, summary, null, ResultStatus.OK);
  }

  private Assessment followUp(String body) {
    SafetyNet.Verdict v = cues.check(body);
    boolean action = !v.fired().isEmpty();
    String rationale = action
        ? "Follow-up cues outside a negation: " + String.join(", ", v.ids()) + "."
        : "No follow-up cue outside a negation" + (v.suppressed().isEmpty() ? "." : " (negated: "
            + String.join(", ", v.suppressed().stream().map(f -> f.flag().id()).distinct().toList()) + ").");
    Urgency urgency = action ? v.urgency() : Urgency.ROUTINE;
    return new Assessment("result-follow-up", action ? "needs-action" : "no-action", action ? 0.8 : 0.6, urgency,
        rationale, List.of(), drafts.require(action ? "result-follow-up/action" : "result-follow-up/no-action"),
        null, action, ResultStatus.OK);
  }

  /** Red flags the cue lexicon knows (for tests). */
  List<RedFlag> cueFlags() {
    return cues.lexicon().flags();
  }
}
