package org.phigate.deid.corpus.hard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.phigate.deid.corpus.ner.NerTrainingCorpus;
import org.phigate.deid.eval.BuiltInCorpora;
import org.phigate.deid.notes.Note;

class DevHardCorpusTest {
  private static final List<Note> NOTES = DevHardCorpus.generate(200, DevHardCorpus.SEED);

  private static Set<String> nameWords(List<Note> notes) {
    return notes.stream().flatMap(n -> n.spans().stream().filter(s -> s.category().equals("NAME"))
            .flatMap(s -> Arrays.stream(n.text().substring(s.start(), s.end()).split("[^\\p{L}]+"))))
        .filter(t -> t.length() > 3).map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
  }

  @Test
  void shouldBeDeterministicWithGoldSpansOnTheirText() {
    assertThat(DevHardCorpus.generate(200, DevHardCorpus.SEED)).isEqualTo(NOTES);
    assertThat(NOTES).allSatisfy(n -> assertThat(n.spans()).allSatisfy(s -> {
      assertThat(s.end()).isGreaterThan(s.start()).isLessThanOrEqualTo(n.text().length());
      assertThat(n.text().substring(s.start(), s.end())).isEqualTo(n.text().substring(s.start(), s.end()).strip());
    }));
    assertThat(NOTES.stream().map(Note::text)).anyMatch(t -> t.equals(t.toLowerCase(Locale.ROOT)))
        .anyMatch(t -> !t.equals(t.toLowerCase(Locale.ROOT)));
  }

  @Test
  void shouldHoldItsNamesOutOfTheDetectorListsTheNerTrainingAndTheFrozenCorpus() {
    DevHardLists lists = DevHardLists.load();
    assertThat(lists.given).hasSizeGreaterThan(100);
    assertThat(lists.family).hasSizeGreaterThan(50);
    assertThat(lists.towns).hasSizeGreaterThan(30);
    assertThat(lists.given).allMatch(lists::unlisted);
    Set<String> words = Set.copyOf(lists.wordNames.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList());
    Set<String> names = nameWords(NOTES);
    names.removeAll(words);

    Set<String> trained = NerTrainingCorpus.load().samples(3000, NerTrainingCorpus.SEED).stream()
        .flatMap(s -> Arrays.stream(s.getNames()).filter(n -> n.getType().equals("PERSON"))
            .flatMap(n -> Arrays.stream(s.getSentence(), n.getStart(), n.getEnd())))
        .map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    assertThat(names.stream().filter(trained::contains)).as("dev-hard names seen in NER training").isEmpty();
    Set<String> frozen = nameWords(BuiltInCorpora.frozen());
    assertThat(names.stream().filter(frozen::contains)).as("dev-hard names in the frozen corpus").isEmpty();
  }
}
