package org.phigate.inference.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.phigate.inference.embedded.LinearHead;
import org.phigate.schema.Urgency;

/** Fits on 80% of the shipped training set and scores the other 20% (the evaluation set is never used here). */
class ClassifierHoldOutTest {

  @Test
  void shouldClassifyHeldOutTrainingMessagesAboveTheFloor() throws URISyntaxException {
    Path train = Path.of(ClassifierHoldOutTest.class.getResource("/inference/portal-triage/train.jsonl").toURI());
    List<Labelled> all = new ArrayList<>(Labelled.read(train));
    Collections.shuffle(all, new Random(7));
    int cut = all.size() * 4 / 5;
    List<Labelled> fitOn = all.subList(0, cut);
    List<Labelled> heldOut = all.subList(cut, all.size());
    TriageFit fit = new TriageFit(TriageFit.Params.defaults());
    float[][] x = TriageFit.embed(all);
    float[][] xFit = java.util.Arrays.copyOfRange(x, 0, cut);
    LinearHead category = fit.fitHead(xFit, fitOn.stream().map(Labelled::category).toList(),
        fitOn.stream().map(l -> 1.0).toList());
    LinearHead urgency = fit.fitHead(xFit, fitOn.stream().map(l -> l.urgency().name().toLowerCase(Locale.ROOT))
        .toList(), fitOn.stream().map(l -> l.acute() ? 2.0 : 1.0).toList());

    int categoryRight = 0;
    int urgencyRight = 0;
    for (int i = 0; i < heldOut.size(); i++) {
      float[] v = x[cut + i];
      categoryRight += category.labels().get(LinearHead.argmax(category.probabilities(v)))
          .equals(heldOut.get(i).category()) ? 1 : 0;
      urgencyRight += Urgency.valueOf(urgency.labels().get(LinearHead.argmax(urgency.probabilities(v)))
          .toUpperCase(Locale.ROOT)) == heldOut.get(i).urgency() ? 1 : 0;
    }
    double categoryAccuracy = (double) categoryRight / heldOut.size();
    double urgencyAccuracy = (double) urgencyRight / heldOut.size();
    System.out.printf(Locale.ROOT, "[held-out %d of %d] category accuracy %.3f, urgency accuracy %.3f "
        + "(model alone; the majority class alone gets about 0.44 and 0.46)%n", heldOut.size(), all.size(), categoryAccuracy,
        urgencyAccuracy);

    assertThat(categoryAccuracy).isGreaterThan(0.65);
    assertThat(urgencyAccuracy).isGreaterThan(0.50);
  }
}
