package org.phigate.inference.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextFeaturesTest {
  private static final TextFeatures FEATURES = new TextFeatures(2048);

  @Test
  void shouldGiveUnitLengthVectorsThatDependOnlyOnTheText() {
    float[] a = FEATURES.of("I can't breathe and my lips look blue");
    float[] b = FEATURES.of("I can't breathe and my lips look blue");

    assertThat(a).containsExactly(b);
    assertThat(norm(a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
  }

  @Test
  void shouldKeepMisspellingsCloserToTheWordThanToAnUnrelatedOne() {
    float[] word = FEATURES.of("trouble breathing");
    float[] typo = FEATURES.of("truble brething");
    float[] other = FEATURES.of("billing question");

    assertThat(dot(word, typo)).isGreaterThan(dot(word, other) + 0.2);
  }

  @Test
  void shouldReadPhigateTokensAsNeutralWords() {
    assertThat(FEATURES.of("call [NAME-3f9a1c2b] please")).containsExactly(FEATURES.of("call [NAME-0b1d2e3f] please"));
  }

  @Test
  void shouldGiveAnEmptyTextTheZeroVector() {
    assertThat(norm(FEATURES.of("  ...  "))).isZero();
  }

  @Test
  void shouldRefuseABucketCountThatIsNotAPowerOfTwo() {
    assertThatThrownBy(() -> new TextFeatures(1000)).isInstanceOf(IllegalArgumentException.class);
  }

  private static double norm(float[] v) {
    return Math.sqrt(dot(v, v));
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
