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
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, WORKFLOWS);

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

  public Set<String> workflows() {
    return Arrays.stream(common.settings().get(WORKFLOWS).split(",")).map(String::trim).filter(s -> !s.isEmpty())
        .collect(Collectors.toUnmodifiableSet());
  }
}
