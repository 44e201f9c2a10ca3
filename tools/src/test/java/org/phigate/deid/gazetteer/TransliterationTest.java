package org.phigate.deid.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransliterationTest {
  @Test
  void shouldWriteCyrillicAndGreekNamesInLatinLetters() {
    assertThat(Transliteration.latin("Ефремова")).containsExactly("efremova", "yefremova");
    assertThat(Transliteration.latin("Γιώργος")).containsExactly("giorgos");
    assertThat(Transliteration.latin("山田")).isEmpty();
    assertThat(DatafakerNames.detectionNames(true)).containsKeys("yefremova", "efremova");
  }
}
