package org.phigate.inference.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.phigate.inference.safety.Hashes;
import org.phigate.inference.safety.Resources;

/**
 * The fitted portal-triage classifier as data ({@value #RESOURCE}): a category head and an urgency head over
 * MiniLM embeddings, the acute threshold, and how it was made ({@code fit}: training file hash, size,
 * hyperparameters, cross-validated numbers). Written by {@code phigate ai fit}; read by {@link EmbeddedModel}.
 *
 * <p>Exported weights rather than Tribuo's serialized model: the production jar then needs no Tribuo (nor its
 * protobuf and OLCUT), and a 384-by-11 matrix multiply plus softmax is all the inference there is. The fit tool
 * checks that these weights reproduce Tribuo's own predictions before it writes the file.
 */
public record TriageWeights(LinearHead category, LinearHead urgency, double acuteThreshold, JsonNode fit,
                            String sha256, Ngram ngram) {
  public static final String RESOURCE = "inference/portal-triage/triage-model.json";
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Optional n-gram heads over {@link TextFeatures} with {@code buckets} slots; each head's probabilities are the
   * embedding head's times its embedding weight plus the n-gram head's times the rest (the two heads peak at
   * different shares, so each has its own).
   */
  public record Ngram(LinearHead category, LinearHead urgency, int buckets, double categoryEmbeddingWeight,
                      double urgencyEmbeddingWeight) {}

  /** Embedding heads only (no n-gram heads). */
  public TriageWeights(LinearHead category, LinearHead urgency, double acuteThreshold, JsonNode fit, String sha256) {
    this(category, urgency, acuteThreshold, fit, sha256, null);
  }

  /** The shipped model. */
  public static TriageWeights shipped() {
    return parse(Resources.text(RESOURCE));
  }

  public static TriageWeights parse(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      Ngram ngram = null;
      JsonNode ng = root.path("ngram");
      if (!ng.isMissingNode()) {
        int buckets = ng.path("buckets").asInt();
        ngram = new Ngram(head(ng.path("heads").path("category"), buckets),
            head(ng.path("heads").path("urgency"), buckets), buckets, ng.path("categoryEmbeddingWeight").asDouble(),
            ng.path("urgencyEmbeddingWeight").asDouble());
      }
      return new TriageWeights(head(root.path("heads").path("category")), head(root.path("heads").path("urgency")),
          root.path("acuteThreshold").asDouble(0.5), root.path("fit"), Hashes.sha256(json), ngram);
    } catch (IOException e) {
      throw new UncheckedIOException("triage model file is not valid JSON", e);
    }
  }

  /** The JSON form, with {@code fit} as given. */
  public String toJson() {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", "phigate-linear-heads-v1");
    root.put("embedding", MiniLmEmbedder.NAME + " mean-pooled, unit length, " + MiniLmEmbedder.DIMENSION + " dims");
    root.put("acuteThreshold", acuteThreshold);
    ObjectNode heads = root.putObject("heads");
    write(heads.putObject("category"), category);
    write(heads.putObject("urgency"), urgency);
    if (ngram != null) {
      ObjectNode ng = root.putObject("ngram");
      ng.put("features", "hashed word 1-2-grams and character 3-5-grams (TextFeatures)");
      ng.put("buckets", ngram.buckets());
      ng.put("categoryEmbeddingWeight", ngram.categoryEmbeddingWeight());
      ng.put("urgencyEmbeddingWeight", ngram.urgencyEmbeddingWeight());
      ObjectNode nh = ng.putObject("heads");
      write(nh.putObject("category"), ngram.category());
      write(nh.putObject("urgency"), ngram.urgency());
    }
    root.set("fit", fit == null ? JSON.createObjectNode() : fit);
    return root.toPrettyString() + "\n";
  }

  static void write(ObjectNode node, LinearHead head) {
    ArrayNode labels = node.putArray("labels");
    head.labels().forEach(labels::add);
    ArrayNode bias = node.putArray("bias");
    for (float b : head.bias()) {
      bias.add(b);
    }
    ArrayNode weights = node.putArray("weights");
    for (float[] row : head.weights()) {
      ArrayNode r = weights.addArray();
      for (float w : row) {
        r.add(w);
      }
    }
  }

  static LinearHead head(JsonNode node) {
    return head(node, MiniLmEmbedder.DIMENSION);
  }

  static LinearHead head(JsonNode node, int dimension) {
    List<String> labels = new ArrayList<>();
    node.path("labels").forEach(l -> labels.add(l.asText()));
    if (labels.isEmpty()) {
      throw new IllegalStateException("triage model file: a head has no labels");
    }
    float[] bias = new float[labels.size()];
    float[][] weights = new float[labels.size()][];
    for (int k = 0; k < labels.size(); k++) {
      bias[k] = (float) node.path("bias").path(k).asDouble();
      JsonNode row = node.path("weights").path(k);
      if (row.size() != dimension) {
        throw new IllegalStateException("triage model file: weight row " + k + " has " + row.size()
            + " values, expected " + dimension);
      }
      weights[k] = new float[row.size()];
      for (int d = 0; d < row.size(); d++) {
        weights[k][d] = (float) row.get(d).asDouble();
      }
    }
    return new LinearHead(labels, weights, bias);
  }
}
