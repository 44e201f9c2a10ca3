package org.phigate.inference.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MiniLmEmbedderTest {
  private static final MiniLmEmbedder EMBEDDER = MiniLmEmbedder.shared();

  @Test
  void shouldGiveATextTheSameVectorAloneAndAmongLongerAndShorterTexts() {
    String text = "My lips started swelling after the new antibiotic and my throat feels tight.";
    EMBEDDER.clearCache();
    float[] alone = EMBEDDER.embed(List.of(text))[0];
    List<String> batch = new ArrayList<>();
    batch.add("ok");
    batch.add("I have needed a refill of my inhaler since last week, and the pharmacy on the corner says the order "
        + "never came through from the office, so could someone please send it again today?");
    batch.add(text);
    batch.add("thanks so much");
    EMBEDDER.clearCache();
    float[] batched = EMBEDDER.embed(batch)[2];

    assertThat(batched).containsExactly(alone);
  }

  @Test
  void shouldReturnUnitVectorsInInputOrder() {
    EMBEDDER.clearCache();
    float[][] v = EMBEDDER.embed(List.of("chest pain since this morning", "refill my metformin please",
        "chest pain since this morning"));

    assertThat(v).hasNumberOfRows(3);
    double norm = 0;
    for (float x : v[1]) {
      norm += x * x;
    }
    assertThat(norm).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
    assertThat(v[2]).containsExactly(v[0]);
    assertThat(v[1]).isNotEqualTo(v[0]);
  }
}
