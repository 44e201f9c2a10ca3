package org.phigate.inference.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate ai triage`: category, urgency, rationale, red flags and a draft reply for each portal message. */
@Command(name = "triage", mixinStandardHelpOptions = true,
    description = "Triage de-identified portal messages. Input lines {\"id\",\"text\"}; output lines {\"id\","
        + "\"category\",\"urgency\",\"rationale\",\"redFlags\":[...],\"model\",\"urgencySource\",\"escalate\","
        + "\"draft\",\"status\"}. The egress guard checks every text first; a text it blocks never reaches the "
        + "model: its line has status EGRESS_BLOCKED, the guard's \"rule\", urgency urgent or higher (the local "
        + "red-flag safety net may raise it) and the exit code is 1.")
public final class TriageCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "IN.jsonl", description = "Messages to triage.")
  Path input;

  @Option(names = "--output", required = true, paramLabel = "OUT.jsonl", description = "One result per line.")
  Path output;

  @Mixin
  ModelOptions model;

  @Override
  public Integer call() {
    TriageRun run = model.triageRun();
    List<TriageRun.Item> items = TriageRun.read(input);
    List<TriageRun.Output> outputs = run.run(items);
    int blocked = 0;
    try (BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
      for (TriageRun.Output o : outputs) {
        blocked += o.blockedRule() != null ? 1 : 0;
        out.write(TriageRun.line(o));
        out.newLine();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + output + "; check the folder is writable", e);
    }
    System.err.println("[ai] triaged " + outputs.size() + " messages, " + (outputs.size() - blocked) + " by the model"
        + (blocked > 0 ? "; " + blocked + " blocked by the egress guard (text still holds possible PHI): model not "
        + "run, status EGRESS_BLOCKED at urgent or higher" : ""));
    return blocked > 0 ? 1 : 0;
  }
}
