package org.phigate.deid.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NerPrecisionGuardTest {
  private final NerPrecisionGuard guard = NerPrecisionGuard.shipped();

  private static List<String> words(String entity) {
    return List.of(entity.split(" "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"Vital Signs", "Osteoporosis", "Report", "Organization", "Encounter", "Blood Culture",
      "Bilateral Hand", "Plasma", "TE", "AjbBlQxZe", "PiA", "lG", "st", "Review of Systems"})
  void shouldVetoOrdinaryAndClinicalWords(String entity) {
    assertThat(guard.keeps(words(entity), "PERSON")).as(entity).isFalse();
    assertThat(guard.keeps(words(entity), "LOCATION")).as(entity).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"Quorvath Zellibrand", "Threlkeldon", "Hazel Quorvath", "McDonald", "DeShawn Oyelaran",
      "Houston", "Al"})
  void shouldKeepNamesAndPlacesTheListsDoNotCallOrdinary(String entity) {
    assertThat(guard.keeps(words(entity), "PERSON")).as(entity).isTrue();
  }

  @Test
  void shouldKeepPlacesAndPeopleTheGazetteerListsThoughTheyAreEnglishWords() {
    assertThat(guard.keeps(words("Hickory Street"), "LOCATION")).isTrue();
    assertThat(guard.keeps(words("Unity Hospital"), "LOCATION")).isTrue();
    assertThat(guard.keeps(words("Mobile"), "LOCATION")).isTrue();
    assertThat(guard.keeps(words("Little Rock"), "LOCATION")).isTrue();
    assertThat(guard.keeps(words("Hazel"), "PERSON")).isTrue();
    assertThat(guard.keeps(words("Summer"), "PERSON")).isTrue();
    assertThat(guard.keeps(words("Summer"), "LOCATION")).isFalse();
    assertThat(guard.keeps(words("summer"), "PERSON")).isFalse();
    assertThat(guard.keeps(words("Blue Cross Blue Shield"), "LOCATION")).isFalse();
  }
}
