package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.ner.OpenNlpNerModel;
import org.phigate.deid.notes.Note;
import org.phigate.schema.PhiFinding;

/**
 * The differential guard of NER speed work ({@link DetectionGoldenTest} holds the rule detectors only): the shipped
 * model's findings at the default threshold on 200 generated notes, offsets, category and score to six places, must
 * equal the golden file. A new model or threshold regenerates it with
 * {@code mvn test -pl tools -am -Dtest=NerGoldenTest -Dphigate.golden.update=true} and says why in the commit.
 */
class NerGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/deid/ner-golden.tsv");

  @Test
  void shouldFindExactlyTheGoldenNerFindings() throws IOException {
    double threshold = new DeidConfig(CommonConfig.load(null)).nerThreshold();
    NerDetector ner = new NerDetector(new OpenNlpNerModel(), threshold);
    List<String> actual = new ArrayList<>();
    for (Note n : CorpusGenerator.generate(List.of("all"), 200, 11)) {
      for (PhiFinding f : ner.find("text", n.text(), KnownIdentifiers.none())) {
        actual.add(n.id() + "\t" + f.getStart() + "\t" + f.getEnd() + "\t" + f.getCategory() + "\t"
            + String.format(Locale.ROOT, "%.6f", f.getConfidence()));
      }
    }
    if (Boolean.getBoolean("phigate.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).hasSizeGreaterThan(500).containsExactlyElementsOf(Files.readAllLines(GOLDEN,
        StandardCharsets.UTF_8));
  }
}
