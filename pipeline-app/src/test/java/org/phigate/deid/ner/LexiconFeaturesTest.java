package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexiconFeaturesTest {
  private static final String[] TOKENS = {"Seen", "with", "her", "daughter", "Quorvath", "today", "."};

  private static List<String> features(LexiconFeatures lexicon, int index) {
    List<String> out = new ArrayList<>();
    lexicon.createFeatures(out, TOKENS, index, new String[0]);
    return out;
  }

  @Test
  void shouldMakeTheShippedFeaturesAtWindowOne() {
    LexiconFeatures lexicon = new LexiconFeatures();

    assertThat(features(lexicon, 4)).containsExactly("lx=unknown", "lx-1=" + lexicon.classOf("daughter"),
        "lx+1=" + lexicon.classOf("today"), "lx-1,0=" + lexicon.classOf("daughter") + ",unknown",
        "lx0,+1=unknown," + lexicon.classOf("today"));
    assertThat(features(new LexiconFeatures(1), 4)).isEqualTo(features(lexicon, 4));
  }

  @Test
  void shouldAddTheClassesOfFartherWordsInAWiderWindow() {
    LexiconFeatures lexicon = new LexiconFeatures(3);

    List<String> wide = features(lexicon, 4);

    assertThat(wide).startsWith(features(new LexiconFeatures(), 4).toArray(new String[0]));
    assertThat(wide.subList(5, wide.size())).containsExactly("lx-2=" + lexicon.classOf("her"), "lx+2=other",
        "lx-3=" + lexicon.classOf("with"), "lx+3=eos");
    assertThat(features(lexicon, 0)).contains("lx-2=bos", "lx-3=bos");
    assertThatThrownBy(() -> new LexiconFeatures(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
