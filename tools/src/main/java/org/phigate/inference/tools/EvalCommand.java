package org.phigate.inference.tools;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.phigate.inference.cli.TriageRun;
import picocli.CommandLine.Command;
import org.phigate.inference.cli.ModelOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate ai eval`: the production triage path (guard, model, safety net) scored against labelled lines. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Score triage against labelled lines {\"id\",\"text\",\"category\",\"urgency\"[,\"redFlags\"]}: "
        + "confusion matrices, acute recall, routine specificity, per-category accuracy, and suicidality/overdose "
        + "items not at emergency.")
public final class EvalCommand implements Callable<Integer> {
  @Option(names = "--input", required = true, paramLabel = "LABELLED.jsonl", description = "Labelled messages.")
  Path input;

  @Mixin
  ModelOptions model;

  @Override
  public Integer call() {
    List<Labelled> gold = Labelled.read(input);
    TriageRun run = model.triageRun();
    List<TriageRun.Output> outputs = run.run(gold.stream().map(Labelled::item).toList());
    TriageMetrics metrics = new TriageMetrics();
    int blocked = 0;
    for (int i = 0; i < gold.size(); i++) {
      TriageRun.Output o = outputs.get(i);
      if (o.result() == null) {
        blocked++;
        continue;
      }
      metrics.add(gold.get(i), o.result().getCategory(), o.result().getUrgency());
    }
    System.out.println("model: " + run.service().model().modelId() + " " + run.service().model().modelVersion()
        + " + red-flag safety net " + run.service().safetyNet().version());
    metrics.print(System.out);
    if (blocked > 0) {
      System.out.printf(Locale.ROOT, "%d items blocked by the egress guard (not scored)%n", blocked);
    }
    return 0;
  }
}
