package org.phigate.config;

import java.util.List;
import java.util.Set;

/** Settings of the inference role (egress guard and model; reads no PHI topic). */
public record InferenceConfig(CommonConfig common) implements RoleConfig {
  /**
   * Models the runtime can build ({@code org.phigate.runtime.InferenceModels} has a factory for each, checked by a
   * test): a new model is a new name here and a factory there.
   */
  public static final List<String> MODELS = List.of("embedded");
  public static final ConfigKey<String> APP_ID = ConfigKey.string("inference.application.id", "phigate-inference",
      "Kafka Streams application.id of the inference role.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> WORKFLOWS = ConfigKey.string("inference.workflows",
      "message-triage,note-summary,result-follow-up",
      "Comma-separated workflows that get an AI step; other de-identified events are audited and not sent.")
      .validate(Validator.nonEmptyList());
  public static final ConfigKey<String> MODEL = ConfigKey.string("inference.model", "embedded",
      "Which model the inference role and `phigate ai triage` run: embedded (all-MiniLM-L6-v2 embeddings and a "
          + "trained classifier, offline, in-process). The red-flag safety net runs after every model.").validate(Validator.oneOf(MODELS));
  public static final ConfigKey<String> GUARD_DENY_LIST = ConfigKey.string("inference.guard.deny.list", "",
      "Comma-separated site terms the egress guard blocks in every prompt, as whole words, case-insensitive "
          + "(facility names, local identifier formats' fixed parts): a prompt holding one is refused and audited, "
          + "never sent. The inference zone's own list: it holds no deid setting. Treated as a secret (site names "
          + "can be PHI): never printed, and may come from a file (inference.guard.deny.list.file).")
      .validate(Validator.anyText("comma-separated terms (may be empty)")).asSecret();
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, WORKFLOWS, MODEL, GUARD_DENY_LIST);

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
    return Set.copyOf(Validator.items(common.settings().get(WORKFLOWS)));
  }

  /** The configured model's name, one of {@link #MODELS}. */
  public String model() {
    return common.settings().get(MODEL);
  }

  /** The egress guard's site deny terms. */
  public List<String> guardDenyList() {
    return Validator.items(common.settings().get(GUARD_DENY_LIST));
  }
}
