package org.phigate.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phigate.schema.PhiCategory;

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
      "Find names through first/last name dictionaries and the name-shape model trained on them, without a cue "
          + "(titles, relations, signatures and person-verb frames always count); off leaves cues and known "
          + "identifiers only.");
  public static final ConfigKey<Boolean> NER_ENABLED = ConfigKey.bool("deid.ner.enabled", false,
      "Add a statistical NER model to the rule detectors (extension point; off by default).");
  public static final ConfigKey<String> NER_MODEL = ConfigKey.string("deid.ner.model", "",
      "Class implementing org.phigate.deid.detect.NerModel (public no-argument constructor); required when "
          + "deid.ner.enabled=true.");
  public static final ConfigKey<String> NER_THRESHOLD = ConfigKey.string("deid.ner.threshold", "0.5",
      "Lowest NER score kept as a finding (0..1).");
  public static final ConfigKey<Integer> KNOWN_MAX_VALUES = ConfigKey.integer("deid.known.store.max.values", 100,
      "Most identifiers remembered per patient in the known-identifier store (deid-known-identifiers-store); the "
          + "least recently seen are evicted first.");
  public static final ConfigKey<String> KNOWN_CATEGORIES = ConfigKey.string("deid.known.store.categories",
      "NAME,GEO,PHONE,FAX,EMAIL,SSN,MRN,HEALTH_PLAN_ID,ACCOUNT,LICENSE,VEHICLE_ID,DEVICE_ID,URL,IP,OTHER_ID",
      "Comma-separated PHI categories of structured fields remembered per patient and found again in the free text "
          + "of the patient's later events (DATE is off by default: every date is found by pattern anyway).");
  public static final ConfigKey<String> KNOWN_PARTIES = ConfigKey.string("deid.known.store.parties",
      "patient,relative", "Comma-separated parties (patient, relative, provider, organization) whose structured "
          + "identifiers are remembered per patient.");
  public static final ConfigKey<Integer> KNOWN_RETENTION_DAYS = ConfigKey.integer("deid.known.store.retention.days",
      365, "Days after a patient's last event before the patient's remembered identifiers are deleted (tombstone).");
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, POLICY, ALLOW_LIST, DENY_LIST, NAME_DICTIONARY,
      NER_ENABLED, NER_MODEL, NER_THRESHOLD, KNOWN_MAX_VALUES, KNOWN_CATEGORIES, KNOWN_PARTIES,
      KNOWN_RETENTION_DAYS);

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

  public int knownMaxValues() {
    int max = common.settings().get(KNOWN_MAX_VALUES);
    if (max < 1) {
      throw new ConfigException("deid.known.store.max.values must be at least 1");
    }
    return max;
  }

  /** Remembered categories; unknown names are a configuration error. */
  public Set<PhiCategory> knownCategories() {
    Set<PhiCategory> out = EnumSet.noneOf(PhiCategory.class);
    for (String name : csv(common.settings().get(KNOWN_CATEGORIES))) {
      try {
        out.add(PhiCategory.valueOf(name.toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("deid.known.store.categories: '" + name + "' is not a PHI category");
      }
    }
    return out;
  }

  public Set<String> knownParties() {
    return Set.copyOf(csv(common.settings().get(KNOWN_PARTIES).toLowerCase(Locale.ROOT)));
  }

  public Duration knownRetention() {
    int days = common.settings().get(KNOWN_RETENTION_DAYS);
    if (days < 1) {
      throw new ConfigException("deid.known.store.retention.days must be at least 1");
    }
    return Duration.ofDays(days);
  }

  private static List<String> csv(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The NER model class name (blank when unset). */
  public String nerModelClass() {
    return common.settings().get(NER_MODEL);
  }
}
