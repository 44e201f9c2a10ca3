package org.phigate.inference.tools;

import java.nio.file.Path;
import java.util.ArrayList;
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
        + "items not at emergency. Items the egress guard keeps from the model (text still holds possible PHI) are "
        + "scored by the urgency they are held at (urgent, or higher where the safety net raised it) and category "
        + "'other', and counted apart.")
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
    List<String> blocked = new ArrayList<>();
    for (int i = 0; i < gold.size(); i++) {
      TriageRun.Output o = outputs.get(i);
      if (o.blockedRule() != null) {
        blocked.add(o.item().id() + " (" + o.blockedRule() + " -> "
            + o.result().getUrgency().name().toLowerCase(Locale.ROOT) + ")");
      }
      metrics.add(gold.get(i), o.result().getCategory(), o.result().getUrgency());
    }
    System.out.println("model: " + run.service().model().modelId() + " " + run.service().model().modelVersion()
        + " + red-flag safety net " + run.service().safetyNet().version());
    metrics.print(System.out);
    if (!blocked.isEmpty()) {
      System.out.printf(Locale.ROOT, "%d items blocked by the egress guard (model not run; scored above by the "
          + "urgency they are held at, category 'other'): %s%n", blocked.size(), String.join(", ", blocked));
    }
    return 0;
  }
}
