package org.phigate.deid.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.deid.corpus.CorpusGenerator;
import org.phigate.deid.corpus.frozen.FrozenCorpus;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid corpus`: writes a synthetic gold corpus (notes with PHI spans) for `deid eval` and `deid bench`. */
@Command(name = "corpus", mixinStandardHelpOptions = true,
    description = "Generate synthetic clinical notes with gold PHI spans: nursing, discharge, portal, referral, "
        + "progress, radiology, phone, international, clinic. Deterministic for a seed; half the names are held out "
        + "of the detection dictionaries.")
public final class CorpusCommand implements Callable<Integer> {
  @Option(names = "--kind", defaultValue = "all", split = ",", description = "all, or comma-separated kinds.")
  List<String> kinds;

  @Option(names = "--count", defaultValue = "600", description = "Number of notes.")
  int count;

  @Option(names = "--seed", defaultValue = "1", description = "Random seed.")
  long seed;

  @Option(names = "--output", required = true, paramLabel = "GOLD.jsonl")
  Path output;

  @Option(names = "--generator", defaultValue = "dev", description = "dev (the development corpus, default), dev-hard "
      + "(the hard development corpus's generator; --kind is ignored) or "
      + "frozen (the frozen evaluation corpus's own generator: --count notes per set, ordinary and hard; --kind is "
      + "ignored; the committed corpus used seed " + FrozenCorpus.SEED + " and 300 per set).")
  String generator;

  @Override
  public Integer call() {
    if (count < 1) {
      throw new IllegalArgumentException("--count must be at least 1");
    }
    List<Note> notes = switch (generator) {
      case "dev" -> CorpusGenerator.generate(kinds, count, seed);
      case "frozen" -> FrozenCorpus.generate(count, seed);
      case "dev-hard" -> org.phigate.deid.corpus.hard.DevHardCorpus.generate(count, seed);
      default -> throw new IllegalArgumentException("--generator must be dev, dev-hard or frozen");
    };
    try (Writer out = JsonLines.writer(output)) {
      for (Note n : notes) {
        JsonLines.writeLine(out, JsonLines.write(n, true));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + "; check the folder is writable", e);
    }
    long spans = notes.stream().mapToLong(n -> n.spans().size()).sum();
    System.err.printf("[deid] wrote %d notes with %d gold spans to %s%n", notes.size(), spans, output);
    return 0;
  }
}
