package org.phigate.inference.cli;

import java.nio.file.Path;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.models.Models;
import picocli.CommandLine.Option;

/** The `--model` and `--config` options every `phigate ai` command shares, and the triage run they choose. */
public final class ModelOptions {
  @Option(names = "--model", paramLabel = "embedded|remote",
      description = "Model to run (default: inference.model, which defaults to embedded).")
  String model;

  @Option(names = "--config", paramLabel = "FILE", description = "Settings file (inference.*); defaults when omitted.")
  Path config;

  /** The guard, the chosen model and the safety net, as the inference role runs them. */
  public TriageRun triageRun() {
    InferenceConfig cfg = AiCommand.config(config);
    return new TriageRun(Models.create(model == null ? cfg.model() : model, cfg), Models.guard(cfg));
  }
}
