package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phigate.deid.testdata.AnnotatedNote;
import org.phigate.deid.testdata.SyntheticNotes;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;

class DetectionEvaluationTest {
  private static final List<String> DISTRACTORS = List.of("Parkinson's disease", "5/5", "120/80", "take 2 tablets",
      "Take 2 tablets", "Follow up in 2 weeks", "in 2015", "in 1998", "Hodgkin's lymphoma", "Graves' disease",
      "since 1987", "3/5", "8/9", "Glasgow 15", "Alzheimer's", "7 years", "98.6", "2+ symmetric", "6 months",
      "2024 as needed", "as of 2023", "1-2 puffs", "Babinski", "3 of 3", "25 mg", "0.02", "1.1", "35%",
      "61F", "520 ohms", "10 mg", "2 business days", "3 months");

  private final PhiDetector detector = PhiDetector.withDefaultDetectors();

  @Test
  void shouldCoverEveryGoldSpanAndFlagNoDistractorInTheSyntheticNotes() {
    PhiContent content = SyntheticNotes.content();
    List<PhiFinding> findings = detector.detect(content);

    int gold = 0;
    int covered = 0;
    int coveredSameCategory = 0;
    int spanFindings = 0;
    int truePositiveFindings = 0;
    List<String> misses = new ArrayList<>();
    List<String> falsePositives = new ArrayList<>();
    for (AnnotatedNote note : SyntheticNotes.notes()) {
      String path = "note/" + note.id();
      List<PhiFinding> inNote = findings.stream().filter(f -> f.getPath().equals(path)).toList();
      for (AnnotatedNote.Gold g : note.gold()) {
        gold++;
        boolean[] chars = new boolean[g.end() - g.start()];
        boolean sameCategory = false;
        for (PhiFinding f : inNote) {
          for (int i = Math.max(f.getStart(), g.start()); i < Math.min(f.getEnd(), g.end()); i++) {
            chars[i - g.start()] = true;
            sameCategory |= f.getCategory() == g.category();
          }
        }
        boolean all = true;
        for (boolean c : chars) {
          all &= c;
        }
        if (all) {
          covered++;
          if (sameCategory) {
            coveredSameCategory++;
          }
        } else {
          misses.add(note.id() + " " + g.category());
        }
      }
      for (PhiFinding f : inNote) {
        spanFindings++;
        boolean overlapsGold = note.gold().stream().anyMatch(g -> f.getStart() < g.end() && g.start() < f.getEnd());
        if (overlapsGold) {
          truePositiveFindings++;
        } else {
          falsePositives.add(note.id() + " " + f.getDetector() + " '" + note.text().substring(f.getStart(), f.getEnd())
              + "'");
        }
      }
      for (String distractor : DISTRACTORS) {
        int at = note.text().indexOf(distractor);
        while (at >= 0) {
          int s = at;
          int e = at + distractor.length();
          assertThat(inNote.stream().filter(f -> f.getStart() < e && s < f.getEnd()).map(PhiFinding::getDetector))
              .as("distractor '%s' in %s", distractor, note.id()).isEmpty();
          at = note.text().indexOf(distractor, at + 1);
        }
      }
    }
    double recall = (double) covered / gold;
    double categoryRecall = (double) coveredSameCategory / gold;
    double precision = (double) truePositiveFindings / spanFindings;
    Map<String, Long> byDetector = findings.stream()
        .collect(Collectors.groupingBy(PhiFinding::getDetector, Collectors.counting()));
    System.out.printf("synthetic notes: gold=%d recall=%.3f category-recall=%.3f span-findings=%d precision=%.3f%n",
        gold, recall, categoryRecall, spanFindings, precision);
    System.out.println("misses=" + misses + " false positives=" + falsePositives);
    System.out.println("by detector=" + byDetector);

    assertThat(misses).isEmpty();
    assertThat(falsePositives).isEmpty();
    assertThat(categoryRecall).isGreaterThanOrEqualTo(0.95);
  }
}
