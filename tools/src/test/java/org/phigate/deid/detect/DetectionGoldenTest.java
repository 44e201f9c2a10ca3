package org.phigate.deid.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.notes.Note;
import org.phigate.schema.PhiContent;
import org.phigate.schema.PhiFinding;
import org.phigate.schema.TextPart;

/**
 * The differential guard of detection speed work: the full detector's findings on 200 generated notes and 100
 * mutated ones (odd characters at odd places) must equal the golden file, finding for finding (offsets, category,
 * detector). A change that moves a finding on purpose regenerates it with
 * {@code mvn test -pl tools -am -Dtest=DetectionGoldenTest -Dphigate.golden.update=true} and explains the diff.
 */
class DetectionGoldenTest {
  private static final Path GOLDEN = Path.of("src/test/resources/deid/detection-golden.tsv");

  @Test
  void shouldFindExactlyTheGoldenFindings() throws IOException {
    PhiDetector detector = PhiDetector.withDefaultDetectors();
    List<String> actual = new ArrayList<>();
    List<String[]> texts = texts();
    for (String[] t : texts) {
      for (PhiFinding f : detector.detect(new PhiContent(t[0], List.of(), List.of(new TextPart("text", t[1]))))) {
        actual.add(t[0] + "\t" + f.getStart() + "\t" + f.getEnd() + "\t" + f.getCategory() + "\t" + f.getDetector());
      }
    }
    if (Boolean.getBoolean("phigate.golden.update")) {
      Files.write(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    List<String> expected = Files.readAllLines(GOLDEN, StandardCharsets.UTF_8);
    Set<String> missing = new LinkedHashSet<>(expected);
    actual.forEach(missing::remove);
    Set<String> extra = new LinkedHashSet<>(actual);
    expected.forEach(extra::remove);
    assertThat(missing).as("golden findings no longer found").isEmpty();
    assertThat(extra).as("findings not in the golden file").isEmpty();
    assertThat(actual).hasSameSizeAs(expected);
  }

  /** Generated notes, then mutations of them: characters inserted, spans deleted or repeated. */
  private static List<String[]> texts() {
    List<Note> notes = CorpusGenerator.generate(List.of("all"), 200, 11);
    List<String[]> out = new ArrayList<>();
    for (Note n : notes) {
      out.add(new String[] {n.id(), n.text()});
    }
    Random rnd = new Random(17);
    String alphabet = "aZ09 .,:;/-'’()[]{}@#+\n\t\u00e9\u0130\u212a\u00a0Dr.Mr.MRN:";
    for (int i = 0; i < 100; i++) {
      StringBuilder sb = new StringBuilder(notes.get(rnd.nextInt(notes.size())).text());
      for (int k = rnd.nextInt(30); k >= 0; k--) {
        int at = rnd.nextInt(sb.length() + 1);
        switch (rnd.nextInt(3)) {
          case 0 -> sb.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          case 1 -> sb.delete(at, Math.min(sb.length(), at + rnd.nextInt(5)));
          default -> {
            int from = rnd.nextInt(Math.max(1, sb.length() / 2));
            sb.insert(at, sb.substring(from, Math.min(sb.length(), from + rnd.nextInt(40))));
          }
        }
      }
      out.add(new String[] {"mutated-" + i, sb.toString()});
    }
    return out;
  }
}
