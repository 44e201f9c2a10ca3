package org.phigate.inference.models;

import java.util.Locale;
import org.phigate.config.InferenceConfig;
import org.phigate.inference.ClinicalModel;
import org.phigate.inference.EgressGuard;
import org.phigate.inference.embedded.EmbeddedModel;
import org.phigate.inference.remote.RemoteModels;

/**
 * Chooses the {@link ClinicalModel} by the {@code inference.model} setting, and builds the egress guard from
 * {@code inference.guard.deny.list}, for the inference role and {@code phigate ai triage} alike: {@value #EMBEDDED} (default) or {@value #REMOTE}.
 */
public final class Models {
  public static final String EMBEDDED = "embedded";
  public static final String REMOTE = "remote";
  /** The models this build can construct. */
  public static final java.util.List<String> NAMES = java.util.List.of(EMBEDDED, REMOTE);

  private Models() {}

  /** The egress guard with the default rules and the inference zone's deny list ({@code inference.guard.deny.list}). */
  public static EgressGuard guard(InferenceConfig config) {
    return new EgressGuard(config.guardDenyList());
  }

  /** The model {@code config} names. */
  public static ClinicalModel create(InferenceConfig config) {
    return create(config.model(), config);
  }

  /** The model called {@code name}; fails with the names that work for anything else. */
  public static ClinicalModel create(String name, InferenceConfig config) {
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case EMBEDDED -> new EmbeddedModel();
      // extension point for the OpenAI-compatible client (issue 13): construct it from config here
      case REMOTE -> RemoteModels.create(new RemoteModels.Settings(config.remoteBaseUrl(), config.remoteModel(),
          config.remoteApiKey(), config.remoteTimeout(), config.remoteMaxOutputTokens(), config.remoteJsonSchema(),
          config.retryAttempts(), config.retryBackoff(), config.circuitFailures(), config.circuitOpen()));
      default -> throw new IllegalArgumentException("unknown inference.model '" + name + "'; use " + EMBEDDED
          + " or " + REMOTE);
    };
  }
}
