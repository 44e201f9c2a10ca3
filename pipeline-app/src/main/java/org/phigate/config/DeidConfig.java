package org.phigate.config;

import java.util.List;

/** Settings of the deid role (detect PHI, redact, fill the vault). */
public record DeidConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> APP_ID = ConfigKey.string("deid.application.id", "phigate-deid",
      "Kafka Streams application.id of the deid role.");
  public static final ConfigKey<String> POLICY = ConfigKey.string("deid.policy", "safe-harbor-v1",
      "Redaction policy: safe-harbor-v1 (dates to year, ages over 89 to 90+) or date-shift-v1 (per-patient date "
          + "shift; only for workflows whose egress guard allows full dates).");
  public static final ConfigKey<String> ALLOW_LIST = ConfigKey.string("deid.allow.list", "",
      "Comma-separated site terms never reported as PHI in free text (unit names, local eponyms, e.g. 'Baker 4,"
          + "Mercy score'); identifiers known from the record itself are still found.");
  public static final ConfigKey<String> DENY_LIST = ConfigKey.string("deid.deny.list", "",
      "Comma-separated site terms always reported as PHI in free text, as whole words, case-insensitive; each "
          + "'term' or 'CATEGORY:term' (default OTHER_ID), e.g. 'NAME:Fenwhistle,GEO:Lindenmoor House'.");
  public static final ConfigKey<Boolean> NAME_DICTIONARY = ConfigKey.bool("deid.detect.name.dictionary", true,
      "Find names through first/last name dictionaries without a cue (titles, relations and signatures always "
          + "count); off leaves cues and known identifiers only.");
  public static final ConfigKey<Boolean> NER_ENABLED = ConfigKey.bool("deid.ner.enabled", false,
      "Add a statistical NER model to the rule detectors (extension point; off by default).");
  public static final ConfigKey<String> NER_MODEL = ConfigKey.string("deid.ner.model", "",
      "Class implementing org.phigate.deid.detect.NerModel (public no-argument constructor); required when "
          + "deid.ner.enabled=true.");
  public static final ConfigKey<String> NER_THRESHOLD = ConfigKey.string("deid.ner.threshold", "0.5",
      "Lowest NER score kept as a finding (0..1).");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, POLICY, ALLOW_LIST, DENY_LIST, NAME_DICTIONARY,
      NER_ENABLED, NER_MODEL, NER_THRESHOLD);

  @Override
  public String role() {
    return "deid";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(APP_ID);
  }

  public String policy() {
    return common.settings().get(POLICY);
  }

  public String allowList() {
    return common.settings().get(ALLOW_LIST);
  }

  public String denyList() {
    return common.settings().get(DENY_LIST);
  }

  public boolean nameDictionary() {
    return common.settings().get(NAME_DICTIONARY);
  }

  public double nerThreshold() {
    try {
      return Double.parseDouble(common.settings().get(NER_THRESHOLD));
    } catch (NumberFormatException e) {
      throw new ConfigException("deid.ner.threshold must be a number between 0 and 1");
    }
  }

  public boolean nerEnabled() {
    return common.settings().get(NER_ENABLED);
  }

  /** The NER model class name (blank when unset). */
  public String nerModelClass() {
    return common.settings().get(NER_MODEL);
  }
}
