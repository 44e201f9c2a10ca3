package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.phigate.deid.detect.NerModel;

class OpenNlpNerModelTest {
  private static final NerModel MODEL = new OpenNlpNerModel();

  private static List<String> found(String text, String label) {
    return MODEL.recognize(text).stream().filter(e -> e.label().equals(label))
        .map(e -> text.substring(e.start(), e.end())).toList();
  }

  @Test
  void shouldFindPeopleTheListsNeverHeardOfByTheirContext() {
    String text = "Attending: Quorvath Zellibrand, MD\nHis wife, Ysmerelda Zellibrand, will drive him home.";

    assertThat(found(text, "PERSON")).contains("Quorvath Zellibrand", "Ysmerelda Zellibrand");
  }

  @Test
  void shouldFindPlacesAfterAnAddressOrAMove() {
    String text = "Moved to Threlkeldon in 2019.\nHome: 41 Oakhurst Rd, Threlkeldon, VT 05602";

    assertThat(found(text, "LOCATION")).contains("Threlkeldon");
  }

  @Test
  void shouldReportOffsetsInsideTheTextAndScoresBetweenZeroAndOne() {
    String text = "Pt Quorvath Zellibrand seen today.\n\nDenies fever.";

    assertThat(MODEL.recognize(text)).isNotEmpty().allSatisfy(e -> {
      assertThat(e.start()).isBetween(0, e.end() - 1);
      assertThat(e.end()).isLessThanOrEqualTo(text.length());
      assertThat(e.score()).isBetween(0.0, 1.0);
    });
    assertThat(MODEL.recognize("")).isEmpty();
  }

  @Test
  void shouldLeaveEponymsAndPunctuationAlone() {
    assertThat(MODEL.recognize("History of Parkinson disease. Foley removed. , . ;"))
        .noneMatch(e -> e.end() - e.start() < 2);
    assertThat(found("History of Parkinson disease.", "PERSON")).doesNotContain("Parkinson");
  }

  @Test
  void shouldNotTakeClinicalHeadingsOrResourceNamesForNamesOrPlaces() {
    String text = "Vital Signs\nOrganization: Encounter Report\nDiagnosis: Osteoporosis of the Bilateral Hand."
        + "\nBlood Culture pending. Plasma sent.";

    assertThat(MODEL.recognize(text)).isEmpty();
  }

  @Test
  void shouldGiveEveryThreadTheSameAnswerAsOneThreadAlone() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("Patient: Zellibrand" + (char) ('a' + i % 26) + ", Q.\nSeen by Dr. Orvanne Kettlewick" + i
          + " today; lives in Threlkeldon with her son Bramwyn.");
    }
    List<List<NerModel.Entity>> alone = texts.stream().map(MODEL::recognize).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<NerModel.Entity>>> futures = new ArrayList<>();
      for (int round = 0; round < 5; round++) {
        for (String t : texts) {
          futures.add(pool.submit(() -> MODEL.recognize(t)));
        }
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get()).isEqualTo(alone.get(i % texts.size()));
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
