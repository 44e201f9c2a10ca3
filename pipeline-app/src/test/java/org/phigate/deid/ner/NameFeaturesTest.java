package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.namefind.TokenNameFinderModel;
import opennlp.tools.util.featuregen.AdaptiveFeatureGenerator;
import org.junit.jupiter.api.Test;

class NameFeaturesTest {
  private static final TokenNameFinderModel MODEL = OpenNlpNerModel.shipped();

  /** Every token's features, lines of a text in turn, each line's outcomes fed back as the decoder does. */
  private static List<String> features(AdaptiveFeatureGenerator generator, List<String> texts) {
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      for (NerSequences.Sequence s : NerSequences.of(text)) {
        String[] outcomes = new String[s.tokens().length];
        for (int i = 0; i < s.tokens().length; i++) {
          List<String> f = new ArrayList<>();
          generator.createFeatures(f, s.tokens(), i, Arrays.copyOf(outcomes, i));
          out.add(String.join(" ", f));
          // an outcome that depends on the token, so the previous-outcome map holds more than one value
          outcomes[i] = s.tokens()[i].length() % 3 == 0 ? "PERSON-start" : "other";
        }
        generator.updateAdaptiveData(s.tokens(), outcomes);
      }
      generator.clearAdaptiveData();
    }
    return out;
  }

  @Test
  void shouldMakeTheSameFeaturesInTheSameOrderAsTheGeneratorsTheDescriptorNames() {
    List<String> texts = NameDecoderTest.texts();

    List<String> expected = features(NameDecoder.generators(MODEL.getFactory()), texts);

    assertThat(expected).hasSizeGreaterThan(10_000);
    assertThat(features(new NameFeatures(), texts)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldBeUsedOnlyForTheDescriptorItReproduces() {
    assertThat(NameDecoder.shippedFeatures(MODEL)).isTrue();
  }
}
