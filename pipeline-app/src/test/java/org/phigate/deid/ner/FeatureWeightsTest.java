package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import org.junit.jupiter.api.Test;

class FeatureWeightsTest {
  @Test
  @SuppressWarnings("unchecked")
  void shouldGiveEveryFeatureOfTheModelExactlyItsWeightsAndUnknownFeaturesNone() {
    AbstractModel maxent = OpenNlpNerModel.shipped().getArtifact("nameFinder.model");
    Map<String, Context> parameters = (Map<String, Context>) maxent.getDataStructures()[1];
    FeatureWeights weights = FeatureWeights.of(OpenNlpNerModel.shipped());
    int outcomes = weights.outcomes().length;

    parameters.forEach((feature, context) -> {
      double[] expected = new double[outcomes];
      for (int a = 0; a < context.getOutcomes().length; a++) {
        expected[context.getOutcomes()[a]] += context.getParameters()[a];
      }
      double[] actual = new double[outcomes];
      weights.add(actual, feature);
      assertThat(actual).as(feature).containsExactly(expected);
    });
    double[] none = new double[outcomes];
    weights.add(none, "w=quorvathzellibrand-never-seen");
    assertThat(none).containsOnly(0.0);
  }
}
