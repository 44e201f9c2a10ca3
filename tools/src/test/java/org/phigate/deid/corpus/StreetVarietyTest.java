package org.phigate.deid.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.phigate.deid.notes.Note;

class StreetVarietyTest {
  private final List<Note> notes = CorpusGenerator.generate(List.of("international"), 300, 11);

  private List<String> geo(String marker) {
    return notes.stream().filter(n -> n.text().contains(marker))
        .flatMap(n -> n.spans().stream().filter(s -> s.category().equals("GEO"))
            .map(s -> n.text().substring(s.start(), s.end())))
        .toList();
  }

  @Test
  void shouldGoldAStreetWithoutAHouseNumberButNotTheDistractorsAroundIt() {
    List<String> geo = geo("Wall Street Journal");
    assertThat(geo).isNotEmpty();
    assertThat(geo).anyMatch(s -> s.matches("[\\p{L}0-9]+( \\p{L}+)? (Street|Avenue|Road|Lane|Drive|Boulevard|Court"
        + "|Place|Terrace|Way)"));
    assertThat(geo).noneMatch(s -> s.contains("Wall") || s.contains("Lasix") || s.contains("Room 4"));
  }

  @Test
  void shouldLeaveTheStateOutOfTheGoldOfAMailingBlock() {
    List<Note> mail = notes.stream().filter(n -> n.text().contains("Mail goes to")).toList();
    assertThat(mail).isNotEmpty();
    for (Note n : mail) {
      int state = n.text().indexOf(", ", n.text().indexOf("Mail goes to")) + 2;
      assertThat(n.spans()).noneMatch(s -> s.start() <= state && state < s.end());
    }
  }

  @Test
  void shouldTypeTheLowerCaseBlocksAllInLowerCase() {
    List<String> geo = geo("our old place was in");
    assertThat(geo).isNotEmpty().allMatch(s -> s.equals(s.toLowerCase(java.util.Locale.ROOT)));
    assertThat(geo).anyMatch(s -> s.contains(" suite ") && s.contains("\n, "));
  }
}
