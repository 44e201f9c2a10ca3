package org.phigate.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.phigate.config.ConfigException;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.EmbeddedTriageModel;

/**
 * The inference role's model and egress guard, chosen by configuration: {@code inference.model} names a factory
 * here (the extension point a remote model joins), {@code inference.guard.deny.list} feeds the guard.
 */
public final class InferenceModels {
  private static final Map<String, Function<InferenceConfig, ClinicalModel>> FACTORIES = factories();

  private InferenceModels() {}

  private static Map<String, Function<InferenceConfig, ClinicalModel>> factories() {
    Map<String, Function<InferenceConfig, ClinicalModel>> out = new LinkedHashMap<>();
    out.put("embedded", config -> new EmbeddedTriageModel());
    return Map.copyOf(out);
  }

  /** Names with a factory (InferenceConfig.MODELS must list exactly these). */
  public static java.util.Set<String> names() {
    return FACTORIES.keySet();
  }

  /** The configured model. */
  public static ClinicalModel model(InferenceConfig config) {
    Function<InferenceConfig, ClinicalModel> factory = FACTORIES.get(config.model());
    if (factory == null) {
      throw new ConfigException(InferenceConfig.MODEL.name() + " = \"" + config.model() + "\": expected "
          + InferenceConfig.MODEL.expected());
    }
    return factory.apply(config);
  }

  /** The egress guard with the default rules and the inference zone's deny list. */
  public static EgressGuard guard(InferenceConfig config) {
    return new EgressGuard(config.guardDenyList());
  }
}
