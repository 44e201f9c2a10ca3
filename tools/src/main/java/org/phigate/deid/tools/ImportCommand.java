package org.phigate.deid.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.Note;
import org.phigate.deid.eval.SharedSets;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `phigate deid import`: converts presidio-research PII or Synthea notes bundles into gold JSONL for `deid eval`. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = "Convert a public set to gold JSONL: 'presidio' (synth_dataset_v2.json) or 'synthea' (a folder "
        + "of Synthea bundles with DocumentReference notes; weak labels from each bundle's Patient).")
public final class ImportCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "SET", description = "presidio or synthea")
  String set;

  @Option(names = "--input", required = true, paramLabel = "PATH")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "GOLD.jsonl")
  Path output;

  @Option(names = "--with-known", description = "synthea: add the Patient's values as \"known\" identifiers, as "
      + "the pipeline has them from the structured part of the same record.")
  boolean withKnown;

  @Override
  public Integer call() throws IOException {
    if (!Files.exists(input)) {
      throw new IllegalArgumentException(input + " does not exist; point --input at ../shared/data/...");
    }
    List<Note> notes = switch (set) {
      case "presidio" -> SharedSets.presidio(input);
      case "synthea" -> {
        if (!Files.isDirectory(input)) {
          throw new IllegalArgumentException("synthea --input must be a folder of bundle .json files");
        }
        yield SharedSets.synthea(input, withKnown);
      }
      default -> throw new IllegalArgumentException("unknown set '" + set + "'; use presidio or synthea");
    };
    try (Writer out = JsonLines.writer(output)) {
      for (Note n : notes) {
        JsonLines.writeLine(out, JsonLines.write(n, true));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output, e);
    }
    System.err.printf("[deid] wrote %d notes with %d gold spans to %s%n", notes.size(),
        notes.stream().mapToLong(n -> n.spans().size()).sum(), output);
    return 0;
  }
}
