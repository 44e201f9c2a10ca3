package org.phigate.inference.embedded;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * all-MiniLM-L6-v2 sentence embeddings (the quantized ONNX model and tokenizer that the langchain4j artifact ships,
 * run in-process by ONNX Runtime, no network): mean pooling over the last hidden state, unit length, 384 dims.
 *
 * <p>Every text runs alone through the session (no padding, no neighbours), spread over one single-threaded run per
 * core. The quantized model scales its activations per run (dynamic quantization), so in a padded batch a text's
 * vector moved with the texts it shared the run with (cosine down to 0.984 alone vs batched) and a message near a
 * threshold could change class with its neighbours; alone, a text always gets the same vector, in fitting, in
 * evaluation and on the stream. The full-precision model has no such dependence but costs 2.3x the CPU per text
 * (measured here: 84 against 192 texts per CPU-second, one text per run), which the throughput target does not
 * allow. Thread-safe (ONNX Runtime sessions are); one instance per JVM ({@link #shared()}).
 */
public final class MiniLmEmbedder {
  /** Embedding dimension. */
  public static final int DIMENSION = 384;
  /** Texts embedded at once, one single-threaded ONNX run each. */
  static final int PARALLEL = Math.max(1, Runtime.getRuntime().availableProcessors());
  /** Word pieces kept per text (the model was trained on 256; portal messages are far shorter). */
  static final int MAX_TOKENS = 256;
  static final String VERSION_FALLBACK = "1.19.0-beta29";
  /** The model as recorded in versions and weight files. */
  public static final String NAME = "all-minilm-l6-v2-q";
  private static final String MODEL = NAME + ".onnx";
  private static final String TOKENIZER = NAME + "-tokenizer.json";

  private static final class Holder {
    static final MiniLmEmbedder SHARED = new MiniLmEmbedder();
  }

  /** Texts per cache (a few stream batches' worth; the vectors are never mutated by callers). */
  static final int CACHE = 2048;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final Map<String, Pooled> recent = new java.util.LinkedHashMap<>(CACHE, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Pooled> eldest) {
      return size() > CACHE;
    }
  };
  private final OrtSession session;
  private final java.util.concurrent.ExecutorService runs = java.util.concurrent.Executors.newFixedThreadPool(
      PARALLEL, r -> {
        Thread th = new Thread(r, "minilm-embed");
        th.setDaemon(true);
        return th;
      });
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final Set<String> output;
  private final String version;

  private MiniLmEmbedder() {
    ClassLoader cl = MiniLmEmbedder.class.getClassLoader();
    try (InputStream model = cl.getResourceAsStream(MODEL); InputStream tok = cl.getResourceAsStream(TOKENIZER)) {
      if (model == null || tok == null) {
        throw new IllegalStateException("MiniLM model or tokenizer not on the classpath (langchain4j-embeddings-"
            + NAME + " jar missing)");
      }
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      // one thread per run: runs of one text each go in parallel (PARALLEL), which beats splitting a tiny run
      options.setIntraOpNumThreads(1);
      options.setInterOpNumThreads(1);
      options.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
      // no busy-waiting between runs: on a shared host spinning threads burn the cores the stream threads need
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      this.session = env.createSession(model.readAllBytes(), options);
      this.tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false",
          "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
      this.typeIds = session.getInputNames().contains("token_type_ids");
      // only the last hidden state is pooled: asking for it alone spares computing and copying any other output
      this.output = Set.of(session.getOutputNames().iterator().next());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MiniLM model from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
    }
    this.version = NAME + "@" + artifactVersion();
  }

  /** The JVM's embedder (the ONNX session loads on first use, one to two seconds). */
  public static MiniLmEmbedder shared() {
    return Holder.SHARED;
  }

  /** Embedding model and artifact version, e.g. {@code all-minilm-l6-v2@1.19.0-beta29}. */
  public String version() {
    return version;
  }

  /** Runs a few texts through the session so the first real batch does not pay for graph optimisation. */
  public void warmUp() {
    embed(List.of("warm up the session", "a second short text to warm up the session", "a third"));
  }

  /**
   * A text's unit vector and, from the same ONNX run, one unit vector per sentence ({@link ModelText#sentences}):
   * the mean of that sentence's own token states, read in the context of the whole text. The crisis detector scores
   * every sentence this way without running the model again per sentence.
   */
  public record Pooled(float[] whole, List<float[]> sentences) {}

  /**
   * Unit vectors for {@code texts}, in order. Recently embedded texts come from a small cache, so the safety net's
   * crisis detector does not pay again for a message the model has just embedded.
   */
  public float[][] embed(List<String> texts) {
    return pooled(texts).stream().map(Pooled::whole).toArray(float[][]::new);
  }

  /** As {@link #embed}, with each text's sentence vectors from the same run (one run per text, cached alike). */
  public List<Pooled> pooled(List<String> texts) {
    Pooled[] result = new Pooled[texts.size()];
    List<String> missing = new java.util.ArrayList<>();
    List<Integer> at = new java.util.ArrayList<>();
    synchronized (recent) {
      for (int i = 0; i < texts.size(); i++) {
        Pooled hit = recent.get(texts.get(i));
        if (hit != null) {
          result[i] = hit;
        } else {
          missing.add(texts.get(i));
          at.add(i);
        }
      }
    }
    if (!missing.isEmpty()) {
      Pooled[] fresh = encode(missing);
      synchronized (recent) {
        for (int j = 0; j < fresh.length; j++) {
          recent.put(missing.get(j), fresh[j]);
          result[at.get(j)] = fresh[j];
        }
      }
    }
    return Arrays.asList(result);
  }

  /** Forgets every cached vector (benchmarks call it so a repeated text is measured, not looked up). */
  public void clearCache() {
    synchronized (recent) {
      recent.clear();
    }
  }

  private Pooled[] encode(List<String> texts) {
    int n = texts.size();
    Pooled[] out = new Pooled[n];
    if (n == 1) {
      out[0] = embedOne(texts.get(0));
      return out;
    }
    java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
        out[i] = embedOne(texts.get(i));
      }
    };
    List<java.util.concurrent.Future<?>> pending = new java.util.ArrayList<>();
    for (int w = 1; w < Math.min(PARALLEL, n); w++) {
      pending.add(runs.submit(worker));
    }
    worker.run();
    for (java.util.concurrent.Future<?> f : pending) {
      try {
        f.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while embedding", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
      }
    }
    return out;
  }

  private Pooled embedOne(String text) {
    ai.djl.huggingface.tokenizers.Encoding encoding = tokenizer.encode(text);
    long[] src = encoding.getIds();
    long[] shape = {1, src.length};
    long[] mask = new long[src.length];
    Arrays.fill(mask, 1L);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(src), shape));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[src.length]), shape));
      }
      try (OrtSession.Result result = session.run(inputs, output)) {
        FloatBuffer hidden = ((OnnxTensor) result.get(0)).getFloatBuffer();
        return new Pooled(meanPool(hidden, 0, src.length, null, 0, 0),
            sentencePools(text, hidden, encoding.getCharTokenSpans()));
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to embed a text", e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  /** One vector per sentence of a text with two or more; a sentence cut off by truncation runs alone. */
  private List<float[]> sentencePools(String text, FloatBuffer hidden, CharSpan[] spans) {
    List<int[]> sentences = ModelText.sentenceSpans(text);
    if (sentences.size() < 2) {
      return List.of();
    }
    List<float[]> out = new java.util.ArrayList<>(sentences.size());
    for (int[] s : sentences) {
      float[] v = meanPool(hidden, 0, spans.length, spans, s[0], s[1]);
      out.add(v != null ? v : embedOne(text.substring(s[0], s[1])).whole());
    }
    return out;
  }

  /**
   * Mean over rows {@code from..to} of a [1, tokens, DIMENSION] hidden state (one text, no padding), unit length;
   * with {@code spans}, only the tokens whose characters lie in {@code [start, end)} (null when there are none).
   */
  private static float[] meanPool(FloatBuffer hidden, int from, int to, CharSpan[] spans, int start, int end) {
    float[] v = new float[DIMENSION];
    int n = 0;
    for (int t = from; t < to; t++) {
      if (spans != null && (spans[t] == null || spans[t].getStart() < start || spans[t].getEnd() > end
          || spans[t].getEnd() <= spans[t].getStart())) {
        continue;
      }
      n++;
      int row = t * DIMENSION;
      for (int d = 0; d < DIMENSION; d++) {
        v[d] += hidden.get(row + d);
      }
    }
    if (n == 0 && spans != null) {
      return null;
    }
    for (int d = 0; d < DIMENSION; d++) {
      v[d] /= Math.max(1, n);
    }
    return normalize(v);
  }

  static float[] normalize(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) {
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) (v[i] / norm);
      }
    }
    return v;
  }

  private static String artifactVersion() {
    String path = "META-INF/maven/dev.langchain4j/langchain4j-embeddings-" + NAME + "/pom.properties";
    try (InputStream in = MiniLmEmbedder.class.getClassLoader().getResourceAsStream(path)) {
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
    return VERSION_FALLBACK;
  }
}
