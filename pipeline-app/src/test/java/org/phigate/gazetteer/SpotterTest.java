package org.phigate.gazetteer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpotterTest {
  private static final Spotter SPOTTER = new Spotter(Gazetteer.shipped());

  /** "TYPE:text" of every candidate at or above the threshold after context enhancement. */
  static List<String> found(String text) {
    Words w = Words.of(text);
    return SPOTTER.spots(w).stream()
        .filter(s -> ContextEnhancer.shipped().enhance(w, s.first(), s.cues(), s.score()) >= Spotter.THRESHOLD)
        .map(s -> s.type() + ":" + text.substring(s.start(), s.end())).toList();
  }

  @Test
  void shouldMatchEntriesOnWholeWordsWhateverTheirCase() {
    Gazetteer g = Gazetteer.shipped();
    assertThat(g.lookup("Boise")[Gazetteer.Kind.PLACE.ordinal()]).isGreaterThanOrEqualTo(Spotter.WELL_KNOWN_ZIPS);
    assertThat(g.lookup("winston-salem")[Gazetteer.Kind.PLACE.ordinal()]).isPositive();
    assertThat(g.lookup("Hazel")[Gazetteer.Kind.FIRST_NAME.ordinal()]).isPositive();
    assertThat(g.lookup("Way")[Gazetteer.Kind.STREET_TYPE.ordinal()]).isPositive();
    Words w = Words.of("Boiseans and BOISE and boise");
    assertThat(g.scan(w)).filteredOn(m -> m.is(Gazetteer.Kind.PLACE)).extracting(m -> w.lower(m.first()))
        .containsExactly("boise", "boise");
    assertThat(g.entries()).isGreaterThan(200_000);
  }

  @Test
  void shouldFindAWellKnownCityAloneButACommonWordCityOnlyAfterACue() {
    assertThat(found("She flew to Boise last year.")).contains("PLACE:Boise");
    assertThat(found("Boise was cold.")).contains("PLACE:Boise");
    assertThat(found("Reading is hard for him since the stroke.")).doesNotContain("PLACE:Reading");
    assertThat(found("She moved to Reading last year.")).contains("PLACE:Reading");
    assertThat(found("Mobile phone on file.")).isEmpty();
    assertThat(found("Springfield, IL")).contains("PLACE:Springfield");
    assertThat(found("Follow up at Ada County clinic.")).contains("PLACE:Ada County");
  }

  @Test
  void shouldNeedAPersonContextForGivenNamesThatAreEnglishWords() {
    assertThat(found("Summer is coming and the hazel trees bloom.")).isEmpty();
    assertThat(found("Her daughter Hazel drove her in.")).contains("PERSON:Hazel");
    assertThat(found("Called her son Skip today.")).contains("PERSON:Skip");
    assertThat(found("Spoke with Hazel Okonkwo today.")).contains("PERSON:Hazel Okonkwo");
  }

  @Test
  void shouldFindAStreetWithoutAHouseNumberAfterAStreetCue() {
    assertThat(found("the one on Larkin Way near the park")).contains("STREET:Larkin Way");
    assertThat(found("Larkin Way is closed")).doesNotContain("STREET:Larkin Way");
    assertThat(found("Seen by Dr. Adams")).noneMatch(s -> s.startsWith("STREET"));
  }

  @Test
  void shouldNeedACueForEveryCandidateInTextTypedInLowerCase() {
    assertThat(found("boise was cold")).isEmpty();
    assertThat(found("we moved to boise in may")).contains("PLACE:boise");
  }
}
