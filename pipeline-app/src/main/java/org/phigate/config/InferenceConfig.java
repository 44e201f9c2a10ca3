package org.phigate.config;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Settings of the inference role (egress guard and model; reads no PHI topic). */
public record InferenceConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("inference.application.id", "phigate-inference",
      "Kafka Streams application.id of the inference role.");
  public static final ConfigKey<String> WORKFLOWS = ConfigKey.string("inference.workflows",
      "message-triage,note-summary,result-follow-up",
      "Comma-separated workflows that get an AI step; other de-identified events are audited and not sent.");
  public static final ConfigKey<String> MODEL = ConfigKey.string("inference.model", "embedded",
      "Which model the inference role and `phigate ai triage` run: embedded (MiniLM + trained classifier, offline, "
          + "in-process) or remote (OpenAI-compatible endpoint). The red-flag safety net runs after either.");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, WORKFLOWS, MODEL);

  @Override
  public String role() {
    return "inference";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  /** The {@link #MODEL} setting, trimmed and lower case. */
  public String model() {
    return common.settings().get(MODEL).strip().toLowerCase(java.util.Locale.ROOT);
  }

  public Set<String> workflows() {
    return Arrays.stream(common.settings().get(WORKFLOWS).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
