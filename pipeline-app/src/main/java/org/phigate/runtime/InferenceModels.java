package org.phigate.runtime;

import java.util.Set;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.models.Models;

/**
 * The inference role's model and egress guard, chosen by configuration: {@code inference.model} names one of
 * {@link Models}' models (the extension point a new model joins), {@code inference.guard.deny.list} feeds the guard.
 */
public final class InferenceModels {
  private InferenceModels() {}

  /** Names with a factory (InferenceConfig.MODELS must list exactly these). */
  public static Set<String> names() {
    return Set.copyOf(Models.NAMES);
  }

  /** The configured model. */
  public static ClinicalModel model(InferenceConfig config) {
    return Models.create(config);
  }

  /** The egress guard with the default rules and the inference zone's deny list. */
  public static EgressGuard guard(InferenceConfig config) {
    return new EgressGuard(config.guardDenyList());
  }
}
