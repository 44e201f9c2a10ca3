package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.phigate.deid.detect.DetectorTestSupport.texts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.phigate.schema.PhiCategory;

class LowerCaseBlocksTest {
  private final AddressDetector addresses = new AddressDetector();

  @Test
  void shouldFollowACuedNumberedStreetLineIntoABlockThatEndsInAPostcode() {
    String block = "389 167 king alexander\nlady frere\n, ec\n 76634";
    assertThat(texts(addresses, "the restaurant is located at " + block + ". it serves great food.", PhiCategory.GEO))
        .containsExactly(block);
  }

  @Test
  void shouldTakeANumberedStreetLineEndingInAUnitAndARegionFieldThatSpellsAWord() {
    String block = "5670 r josé a madeira 1 suite 696\nφλαμου∆ι\n, fa\n cyprus (greek) 26933";
    assertThat(texts(addresses, "leidy t muris\nlabor relations director\n" + block, PhiCategory.GEO))
        .containsExactly(block);
  }

  @Test
  void shouldTakeShortAndDrugLikeSurnamesInAStreetLineWithAUnit() {
    String block = "2744 r huf 10 suite 331\nsantosholm\n, ov\n estonia 87412";
    assertThat(texts(addresses, "please mail the forms to\n" + block + "\nthanks", PhiCategory.GEO)).containsExactly(block);
    String cued = "212 264 verstraate wolff\nstrindlundstad\n, fa\n 73034";
    assertThat(texts(addresses, "my daughter is staying at " + cued + "\nshe is on lasix 40", PhiCategory.GEO))
        .containsExactly(cued);
  }

  @Test
  void shouldTakeAPostcodeAfterALowerCasePlace() {
    assertThat(texts(addresses, "my son lives in barra de carrasco 15000 with his wife.", PhiCategory.GEO))
        .containsExactly("barra de carrasco 15000");
  }

  @Test
  void shouldNeedAPostcodeBelowACuedStreetWithoutAStreetWord() {
    assertThat(texts(addresses, "she is at 12 kowalczyk\nplan: follow up", PhiCategory.GEO)).isEmpty();
    assertThat(texts(addresses, "i take 2 tabs a day at my apartment 4 now", PhiCategory.GEO))
        .containsExactly("apartment 4");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pt in room 4521, gave lantus 1000 units.",
      "was in bay 12000 and in ward 5000.", "he is at 3 west 12\nbp 120/80\nhr 88\nglucose 14000",
      "she was diagnosed in 2019 and in june 2021.", "he is on lasix 40\nweight 8000 g",
      "seen in stage 3 ckd 2000.", "took aspirin 81 mg at 0800 in parkinson 1000 trial",
      "she is at 2 metoprolol 25\nsodium 1400", "she is on 2 zolvexa\nweight 8000 g", "he is at 3 verstraate\nbp 120/80"
          + "\nglucose 14000"})
  void shouldLeaveLowerCaseClinicalTextAlone(String text) {
    assertThat(texts(addresses, text, PhiCategory.GEO)).as(text).isEmpty();
  }
}
