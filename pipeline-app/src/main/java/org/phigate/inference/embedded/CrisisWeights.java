package org.phigate.inference.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.phigate.inference.safety.Hashes;
import org.phigate.inference.safety.Resources;

/**
 * The fitted crisis head as data ({@value #RESOURCE}): a logistic-regression head over MiniLM sentence embeddings
 * with the labels {@value #NONE} and the crisis red-flag ids, the threshold on P(crisis) = 1 - P(none), the
 * lowest cosine similarity to a curated crisis statement a unit must also reach, by how much that similarity must
 * beat the closest look-alike's, the sentence window, the screen (the whole message's P(crisis) below which its
 * sentences are not scored one by one), and how it was made ({@code fit}). Written by {@code phigate ai crisis-fit}; read by
 * {@link CrisisDetector}.
 */
public record CrisisWeights(LinearHead head, double threshold, double minSimilarity, double minMargin, int window,
                            double screen, JsonNode fit, String sha256) {
  public static final String RESOURCE = "inference/safety/crisis-model.json";
  /** The label of units that are not a crisis. */
  public static final String NONE = "none";

  public CrisisWeights {
    if (!head.labels().contains(NONE) || head.labels().size() < 2) {
      throw new IllegalStateException("crisis model: labels must be '" + NONE + "' and crisis red-flag ids");
    }
    if (threshold <= 0 || threshold >= 1 || minSimilarity < -1 || minSimilarity >= 1 || window < 1 || window > 3) {
      throw new IllegalStateException("crisis model: threshold " + threshold + ", similarity " + minSimilarity
          + " or window " + window + " out of range");
    }
  }

  /** The shipped head. */
  public static CrisisWeights shipped() {
    return parse(Resources.text(RESOURCE));
  }

  public static CrisisWeights parse(String json) {
    try {
      JsonNode root = TriageWeights.JSON.readTree(json);
      return new CrisisWeights(TriageWeights.head(root.path("heads").path("crisis")),
          root.path("threshold").asDouble(), root.path("minSimilarity").asDouble(),
          root.path("minMargin").asDouble(), root.path("window").asInt(1), root.path("screen").asDouble(0.0),
          root.path("fit"), Hashes.sha256(json));
    } catch (IOException e) {
      throw new UncheckedIOException("crisis model file is not valid JSON", e);
    }
  }

  /** The JSON form, with {@code fit} as given. */
  public String toJson() {
    ObjectNode root = TriageWeights.JSON.createObjectNode();
    root.put("format", "phigate-linear-heads-v1");
    root.put("embedding", MiniLmEmbedder.NAME + " mean-pooled, unit length, " + MiniLmEmbedder.DIMENSION
        + " dims, per sentence and per window of adjacent sentences");
    root.put("threshold", threshold);
    root.put("minSimilarity", minSimilarity);
    root.put("minMargin", minMargin);
    root.put("screen", screen);
    root.put("window", window);
    TriageWeights.write(root.putObject("heads").putObject("crisis"), head);
    root.set("fit", fit == null ? TriageWeights.JSON.createObjectNode() : fit);
    return root.toPrettyString() + "\n";
  }

  /** P(crisis) of one embedding: one minus the probability of {@value #NONE}. */
  public double crisisProbability(double[] probabilities) {
    return 1.0 - probabilities[head.labels().indexOf(NONE)];
  }
}
