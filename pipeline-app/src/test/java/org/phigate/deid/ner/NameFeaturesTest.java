package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import opennlp.tools.namefind.TokenNameFinderModel;
import org.junit.jupiter.api.Test;

class NameFeaturesTest {
  private static final TokenNameFinderModel MODEL = OpenNlpNerModel.shipped();
  private static final FeatureWeights WEIGHTS = FeatureWeights.of(MODEL);

  /**
   * Every token's features as "hash:row", lines of a text in turn, each line's outcomes fed back as the decoder
   * does; one table of words across all texts, as a decoder keeps it.
   */
  private static List<String> features(ContextFeatures generator, List<String> texts) {
    WordTable table = new WordTable();
    Features f = new Features();
    List<String> out = new ArrayList<>();
    for (String text : texts) {
      for (NerSequences.Sequence s : NerSequences.of(text)) {
        String[] outcomes = new String[s.tokens().length];
        Word[] words = table.of(s.tokens());
        for (int i = 0; i < s.tokens().length; i++) {
          f.clear();
          generator.features(words, s.tokens(), i, Arrays.copyOf(outcomes, i), f);
          StringBuilder line = new StringBuilder();
          for (int k = 0; k < f.size(); k++) {
            line.append(Long.toHexString(f.hash(k))).append(':').append(f.row(k)).append(' ');
          }
          out.add(line.toString());
          // an outcome that depends on the token, so the previous-outcome map holds more than one value
          outcomes[i] = s.tokens()[i].length() % 3 == 0 ? "PERSON-start" : "other";
        }
        generator.updateAdaptiveData(words, s.tokens(), outcomes);
      }
      generator.clearAdaptiveData();
      table.endOfText();
    }
    return out;
  }

  @Test
  void shouldHashTheSameFeaturesInTheSameOrderAsTheGeneratorsTheDescriptorNamesAndFindTheirRows() {
    List<String> texts = NameDecoderTest.texts();

    List<String> expected = features(new GeneratorFeatures(NameDecoder.generators(MODEL.getFactory()), WEIGHTS),
        texts);

    assertThat(expected).hasSizeGreaterThan(10_000);
    assertThat(String.join("", expected)).contains(":-1 ").containsPattern(":[0-9]+ ");
    assertThat(features(new NameFeatures(WEIGHTS), texts)).containsExactlyElementsOf(expected);
  }

  @Test
  void shouldBeUsedOnlyForTheDescriptorItReproduces() {
    assertThat(NameDecoder.shippedFeatures(MODEL)).isTrue();
  }
}
