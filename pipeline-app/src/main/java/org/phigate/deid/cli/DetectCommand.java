package org.phigate.deid.cli;

import org.phigate.deid.notes.Progress;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.phigate.deid.detect.PhiDetector;
import org.phigate.deid.notes.JsonLines;
import org.phigate.deid.notes.NoteDetection;
import org.phigate.schema.PhiFinding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate deid detect`: findings (offsets, category, detector, confidence) for every input line. */
@Command(name = "detect", mixinStandardHelpOptions = true,
    description = "Find PHI in free text. Input lines {\"id\",\"text\"[,\"known\":[{\"category\",\"value\"}]]}; "
        + "output lines {\"id\",\"findings\":[{\"start\",\"end\",\"category\",\"detector\",\"confidence\"}]} with "
        + "0-based end-exclusive offsets into text.")
public final class DetectCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "IN.jsonl", description = "Notes to scan.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "OUT.jsonl", description = "Findings per note.")
  Path output;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings file (deid.allow.list, deid.deny.list, "
      + "deid.detect.name.dictionary, deid.ner.*); defaults when omitted.")
  Path config;

  @Override
  public Integer call() {
    NoteDetection detection = new NoteDetection(PhiDetector.fromConfig(DeidCommand.config(config)));
    Progress progress = new Progress(System.err, "detect");
    int[] failed = {0};
    try (Writer out = JsonLines.writer(output)) {
      JsonLines.read(input, System.err, note -> {
        ObjectNode line = JsonLines.JSON.createObjectNode().put("id", note.id());
        ArrayNode findings = line.putArray("findings");
        try {
          for (PhiFinding f : detection.detect(note)) {
            findings.addObject().put("start", f.getStart()).put("end", f.getEnd())
                .put("category", f.getCategory().name()).put("detector", f.getDetector())
                .put("confidence", Math.round(f.getConfidence() * 1000) / 1000.0);
          }
        } catch (RuntimeException e) {
          failed[0]++;
          findings.removeAll();
          line.put("error", "detection failed (" + e.getClass().getSimpleName() + ")");
        }
        JsonLines.writeLine(out, line.toString());
        progress.add(note.text().length());
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + "; check the folder is writable", e);
    }
    progress.done();
    if (failed[0] > 0) {
      System.err.println("[deid] " + failed[0] + " notes could not be scanned (marked \"error\" in the output); "
          + "treat them as containing PHI");
      return 1;
    }
    return 0;
  }

  static List<PhiFinding> none() {
    return List.of();
  }
}
