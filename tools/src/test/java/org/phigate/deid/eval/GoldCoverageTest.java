package org.phigate.deid.eval;

import org.phigate.deid.notes.Note;
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
    assertThat(GoldCoverage.strict(text, span, covered)).as("strict wants the title too").isFalse();
    covered[25] = false;
    assertThat(GoldCoverage.full(text, span, covered)).isFalse();
  }

  @Test
  void aUsStateBeforeAZipIsNotRequiredInAnAddress() {
    String text = "return to 56539 Rua Franco 1213 GRASSE, PA 39551 soon";
    Note.Span span = new Note.Span(10, 48, "GEO", "patient");
    boolean[] covered = new boolean[text.length()];
    java.util.Arrays.fill(covered, 10, 40, true);
    java.util.Arrays.fill(covered, 43, 48, true);
    assertThat(GoldCoverage.full(text, span, covered)).isTrue();
    covered[45] = false;
    assertThat(GoldCoverage.full(text, span, covered)).as("the ZIP stays required").isFalse();
    String prose = "lives in PA now";
    boolean[] none = new boolean[prose.length()];
    assertThat(GoldCoverage.full(prose, new Note.Span(9, 11, "GEO", "patient"), none)).as("no ZIP after it").isFalse();
  }
}
