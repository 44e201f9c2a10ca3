package org.phigate.inference.embedded;

import java.util.List;

/**
 * One multinomial logistic-regression head: {@code softmax(W x + b)} over an embedding. The weights come from a
 * Tribuo fit ({@code phigate ai fit}); applying them needs no library.
 */
public record LinearHead(List<String> labels, float[][] weights, float[] bias) {
  public LinearHead {
    labels = List.copyOf(labels);
    if (weights.length != labels.size() || bias.length != labels.size()) {
      throw new IllegalArgumentException("one weight row and one bias per label expected");
    }
  }

  /** Class probabilities for {@code x}, in label order. */
  public double[] probabilities(float[] x) {
    double[] z = new double[labels.size()];
    double max = Double.NEGATIVE_INFINITY;
    for (int k = 0; k < z.length; k++) {
      double s = bias[k];
      float[] w = weights[k];
      for (int d = 0; d < x.length; d++) {
        s += w[d] * x[d];
      }
      z[k] = s;
      max = Math.max(max, s);
    }
    double sum = 0;
    for (int k = 0; k < z.length; k++) {
      z[k] = Math.exp(z[k] - max);
      sum += z[k];
    }
    for (int k = 0; k < z.length; k++) {
      z[k] /= sum;
    }
    return z;
  }

  /** Index of the most probable label. */
  public static int argmax(double[] p) {
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return best;
  }
}
