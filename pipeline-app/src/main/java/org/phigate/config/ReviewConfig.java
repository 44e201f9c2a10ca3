package org.phigate.config;

import java.util.List;

/** Settings of the review role (hold AI results until a clinician decides). */
public record ReviewConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("review.application.id", "phigate-review",
      "Kafka Streams application.id of the review role.").validate(Validator.nonEmpty());
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID);

  @Override
  public String role() {
    return "review";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }
}
