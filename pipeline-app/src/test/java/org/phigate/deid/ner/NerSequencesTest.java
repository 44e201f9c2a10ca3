package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class NerSequencesTest {
  private static List<String> lines(String text) {
    return NerSequences.of(text).stream().map(s -> String.join(" ", Arrays.asList(s.tokens()))).toList();
  }

  @Test
  void shouldGoOnIntoTheNextLineWhenALongProseLineIsWrappedMidSentence() {
    String text = "Social history: she moved last year to be nearer the family and to be closer to her son\n"
        + "Tarvo. Nonsmoker.";

    assertThat(lines(text)).hasSize(1);
    assertThat(lines(text).get(0)).contains("her son Tarvo .");
  }

  @Test
  void shouldKeepHeaderFieldsShortLinesAndBlankLineBreaksApart() {
    assertThat(lines("Patient: Oru, T.    MRN: 123456\nAttending: Ada Okafor, MD\nResident: Ben Ode, DO"))
        .containsExactly("Patient : Oru , T . MRN : 123456", "Attending : Ada Okafor , MD", "Resident : Ben Ode , DO");
    String para = "The patient was seen today in clinic and reports that the cough is a little better now\n\n"
        + "Plan: continue.";
    assertThat(lines(para)).hasSize(2);
    String sentenceEnd = "The patient was seen today in clinic and reports that the cough is a little better.\n"
        + "Plan: continue.";
    assertThat(lines(sentenceEnd)).hasSize(2);
  }
}
