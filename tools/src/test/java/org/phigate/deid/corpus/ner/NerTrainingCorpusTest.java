package org.phigate.deid.corpus.ner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import opennlp.tools.namefind.NameSample;
import opennlp.tools.util.Span;
import org.junit.jupiter.api.Test;
import org.phigate.deid.corpus.frozen.FrozenCorpus;
import org.phigate.deid.eval.BuiltInCorpora;

class NerTrainingCorpusTest {
  private static final NerTrainingCorpus CORPUS = NerTrainingCorpus.load();

  @Test
  void shouldLabelWholeTokensAsPersonOrLocationAndLeaveSomeLinesWithoutANameDeterministically() {
    List<NameSample> a = CORPUS.samples(500, 11);
    List<NameSample> b = CORPUS.samples(500, 11);

    assertThat(a).isEqualTo(b);
    assertThat(a).allSatisfy(s -> assertThat(s.getNames()).allSatisfy(n -> {
      assertThat(n.getType()).isIn("PERSON", "LOCATION");
      assertThat(n.getStart()).isBetween(0, n.getEnd() - 1);
      assertThat(n.getEnd()).isLessThanOrEqualTo(s.getSentence().length);
    }));
    assertThat(a).anyMatch(s -> s.getNames().length == 0).anyMatch(s -> s.getNames().length > 1);
  }

  @Test
  void shouldShareNoPersonNameWithTheFrozenEvaluationCorpus() {
    Set<String> trained = CORPUS.samples(3000, NerTrainingCorpus.SEED).stream()
        .flatMap(s -> java.util.Arrays.stream(s.getNames()).filter(n -> n.getType().equals("PERSON"))
            .flatMap(n -> java.util.Arrays.stream(s.getSentence(), n.getStart(), n.getEnd())))
        .filter(t -> t.length() > 3).map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Set<String> frozen = BuiltInCorpora.frozen().stream()
        .flatMap(n -> n.spans().stream().filter(s -> s.category().equals("NAME") && !n.kind().isEmpty())
            .flatMap(s -> java.util.Arrays.stream(n.text().substring(s.start(), s.end()).split("[^\\p{L}]+"))))
        .filter(t -> t.length() > 3).map(t -> t.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    Set<String> wordNames = Set.copyOf(org.phigate.deid.corpus.frozen.FrozenCorpusLists.wordNames());

    frozen.removeAll(wordNames);
    trained.retainAll(frozen);
    assertThat(trained).as("frozen corpus names (English-word given names aside) seen in training").isEmpty();
    assertThat(FrozenCorpus.SEED).isNotEqualTo(NerTrainingCorpus.SEED);
  }

  @Test
  void shouldInventNamesThatTheListsDoNotHoldDeterministically() {
    List<String> listed = List.of("margaret", "marjorie", "martin", "mariana", "morgan", "morton", "norma", "norton",
        "gordon", "jordan", "jorgen", "marten", "nora", "dora", "doris", "boris");
    InventedNames chain = new InventedNames(listed, w -> !w.startsWith("mor"));
    java.util.Random a = new java.util.Random(3);
    java.util.Random b = new java.util.Random(3);

    for (int i = 0; i < 50; i++) {
      String name = chain.next(a);
      assertThat(name).isEqualTo(chain.next(b)).matches("[A-Z][a-z]{3,10}");
      assertThat(listed).doesNotContain(name.toLowerCase(Locale.ROOT));
      assertThat(name.toLowerCase(Locale.ROOT)).doesNotStartWith("mor");
    }
  }

  @Test
  void shouldTokenizeASampleAsTheModelDoesAtRunTime() {
    NameSample s = NerTrainingCorpus.sample("Attending: Ada Okafor, MD",
        List.of(new Span(11, 21, "PERSON")));

    assertThat(s.getSentence()).containsExactly("Attending", ":", "Ada", "Okafor", ",", "MD");
    assertThat(s.getNames()).containsExactly(new Span(2, 4, "PERSON"));
  }
}
