package org.phigate.bench;

import org.phigate.inference.Assessment;
import org.phigate.inference.ClinicalModel;
import org.phigate.schema.Urgency;

/**
 * A bench stand-in for the model: the same routine assessment for every prompt, in constant time, so the bench
 * measures what the pipeline itself costs. Never wired by `phigate run`.
 */
final class ConstantTimeModel implements ClinicalModel {
  @Override
  public Assessment infer(String workflow, String prompt) {
    return new Assessment("bench", "other", 0.5, Urgency.ROUTINE, "constant-time bench stand-in", null,
        "bench draft", null, null, null);
  }

  @Override
  public String modelId() {
    return "bench-constant";
  }

  @Override
  public String modelVersion() {
    return "1";
  }
}
