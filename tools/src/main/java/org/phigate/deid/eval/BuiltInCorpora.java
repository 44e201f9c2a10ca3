package org.phigate.deid.eval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.corpus.frozen.FrozenCorpus;
import org.phigate.deid.corpus.hard.DevHardCorpus;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;

/**
 * The corpora `deid eval --corpus` knows by name: the committed frozen evaluation corpus, the development corpus and
 * the hard development corpus (dev-hard, 400 notes).
 */
public final class BuiltInCorpora {
  private BuiltInCorpora() {}

  /** @throws IllegalArgumentException naming the known corpora when {@code name} is not one */
  public static List<Note> load(String name) {
    return switch (name) {
      case "frozen" -> frozen();
      case "dev" -> CorpusGenerator.generate(List.of("all"), 600, 1);
      case "dev-hard" -> DevHardCorpus.generate(400, DevHardCorpus.SEED);
      default -> throw new IllegalArgumentException("unknown corpus '" + name + "'; use frozen, dev or dev-hard");
    };
  }

  /** The frozen evaluation corpus as committed ({@link FrozenCorpus#RESOURCE}). */
  public static List<Note> frozen() {
    try (InputStream in = BuiltInCorpora.class.getResourceAsStream(FrozenCorpus.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the frozen corpus " + FrozenCorpus.RESOURCE + " is not on the classpath");
      }
      // JsonLines reads files: the corpus is copied out of the jar once
      java.nio.file.Path copy = java.nio.file.Files.createTempFile("phigate-frozen", ".jsonl");
      try {
        java.nio.file.Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return JsonLines.readAll(copy, System.err);
      } finally {
        java.nio.file.Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the frozen corpus", e);
    }
  }
}
