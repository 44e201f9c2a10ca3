package org.phigate.deid.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GoldCoverageTest {

  private static String required(String text, String category) {
    int[] r = GoldCoverage.required(text, new Note.Span(0, text.length(), category, "patient"));
    return text.substring(r[0], r[1]);
  }

  @Test
  void titlesAndCredentialsAtTheEdgesOfANameAreNotRequired() {
    assertThat(required("Dr. Jennifer Holst", "NAME")).isEqualTo("Jennifer Holst");
    assertThat(required("Mrs. Kathrine Filemonsen DDS", "NAME")).isEqualTo("Kathrine Filemonsen");
    assertThat(required("Giovanna Rodrigues MD", "NAME")).isEqualTo("Giovanna Rodrigues");
    assertThat(required("Ana Lima, MD, PhD", "NAME")).isEqualTo("Ana Lima");
  }

  @Test
  void namePartsThatLookLikeTitlesStayRequired() {
    assertThat(required("Minh Van Do", "NAME")).isEqualTo("Minh Van Do");
    assertThat(required("John Smith Jr.", "NAME")).isEqualTo("John Smith Jr.");
    assertThat(required("Drake Miller", "NAME")).isEqualTo("Drake Miller");
    assertThat(required("Dr.", "NAME")).isEqualTo("Dr.");
    assertThat(required("MD", "NAME")).isEqualTo("MD");
    assertThat(required("Dr. Main Street", "GEO")).isEqualTo("Dr. Main Street");
  }

  @Test
  void fullCoverageCountsEveryRequiredLetterOrDigit() {
    String text = "seen by Dr. Jennifer Holst today";
    Note.Span span = new Note.Span(8, 26, "NAME", "provider");
    boolean[] covered = new boolean[text.length()];
    java.util.Arrays.fill(covered, 12, 26, true);
    assertThat(GoldCoverage.full(text, span, covered)).isTrue();
    covered[25] = false;
    assertThat(GoldCoverage.full(text, span, covered)).isFalse();
  }
}
