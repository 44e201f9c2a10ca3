package org.phigate.deid.corpus.frozen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phigate.deid.eval.BuiltInCorpora;
import org.phigate.deid.notes.Note;
import org.phigate.schema.PhiCategory;

class FrozenCorpusTest {
  private static final Set<String> SAFE_HARBOR = Arrays.stream(PhiCategory.values()).map(Enum::name)
      .collect(Collectors.toSet());

  @Test
  void shouldShipSixHundredNotesWhoseSpansLieInsideTheirTextOnSafeHarborCategories() {
    List<Note> notes = BuiltInCorpora.frozen();

    assertThat(notes).hasSize(600);
    assertThat(notes).extracting(Note::kind).containsOnly("frozen-ordinary", "frozen-hard");
    assertThat(notes).allSatisfy(n -> assertThat(n.spans()).isNotEmpty().allSatisfy(s -> {
      assertThat(s.start()).isGreaterThanOrEqualTo(0).isLessThan(s.end());
      assertThat(s.end()).isLessThanOrEqualTo(n.text().length());
      assertThat(s.category()).isIn(SAFE_HARBOR);
      assertThat(n.text().substring(s.start(), s.end())).isEqualTo(n.text().substring(s.start(), s.end()).strip());
    }));
  }

  @Test
  void shouldGenerateTheSameNotesForASeedAndOthersForAnotherSeed() {
    List<Note> a = FrozenCorpus.generate(4, 7);
    List<Note> b = FrozenCorpus.generate(4, 7);
    List<Note> c = FrozenCorpus.generate(4, 8);

    assertThat(a).hasSize(8).isEqualTo(b);
    assertThat(c).isNotEqualTo(a);
  }

  @Test
  void shouldDropEveryNameAndPlaceTheDetectorListsHold() {
    FrozenLists lists = FrozenLists.load();

    assertThat(lists.unlistedName("Maria")).isFalse();
    assertThat(lists.unlistedName("Quillfeather")).isTrue();
    assertThat(lists.unlistedName("Fairweather-Lisle")).as("an English word inside a hyphenated name").isFalse();
    assertThat(lists.unlistedPlace("Boise")).isFalse();
    assertThat(lists.unlistedPlace("Quellmoor")).isTrue();
    assertThat(lists.given).noneMatch(n -> !lists.unlistedName(n));
    assertThat(lists.towns).allMatch(t -> lists.unlistedPlace(t.name()));
    assertThat(lists.dropped()).isPositive();
  }
}
