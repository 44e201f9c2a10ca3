package org.phigate.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.phigate.schema.PhiCategory;
import org.phigate.security.Pseudonymizer;

/** Settings of the deid role (detect PHI, redact, fill the vault). */
public record DeidConfig(CommonConfig common) implements RoleConfig {
  /** Redaction policies the deid stage implements (RoleTopologies maps each to its policy). */
  public static final List<String> POLICIES = List.of("safe-harbor-v1", "date-shift-v1");
  private static final Validator<String> DENY_ENTRIES = new Validator<>("comma-separated 'term' or 'CATEGORY:term' "
      + "entries, CATEGORY one of the Safe Harbor categories", value -> Validator.items(value).stream()
      .allMatch(DeidConfig::denyEntry));
  public static final ConfigKey<String> APP_ID = ConfigKey.string("deid.application.id", "phigate-deid",
      "Kafka Streams application.id of the deid role.").validate(Validator.nonEmpty());
  public static final ConfigKey<String> POLICY = ConfigKey.string("deid.policy", "safe-harbor-v1",
      "Redaction policy: safe-harbor-v1 (dates to year, ages over 89 to 90+) or date-shift-v1 (per-patient date "
          + "shift; only for workflows whose egress guard allows full dates).").validate(Validator.oneOf(POLICIES));
  public static final ConfigKey<String> ALLOW_LIST = ConfigKey.string("deid.allow.list", "",
      "Comma-separated site terms never reported as PHI in free text (unit names, local eponyms, e.g. 'Baker 4,"
          + "Mercy score'); identifiers known from the record itself are still found.")
      .validate(Validator.anyText("comma-separated terms (may be empty)"));
  public static final ConfigKey<String> DENY_LIST = ConfigKey.string("deid.deny.list", "",
      "Comma-separated site terms always reported as PHI in free text, as whole words, case-insensitive; each "
          + "'term' or 'CATEGORY:term' (default OTHER_ID), e.g. 'NAME:Fenwhistle,GEO:Lindenmoor House'. Treated as a "
          + "secret (site names can be PHI): never printed, and may come from a file (deid.deny.list.file).")
      .validate(DENY_ENTRIES).asSecret();
  public static final ConfigKey<Boolean> NAME_DICTIONARY = ConfigKey.bool("deid.detect.name.dictionary", true,
      "Find names through first/last name dictionaries and the name-shape model trained on them, without a cue "
          + "(titles, relations, signatures and person-verb frames always count); off leaves cues and known "
          + "identifiers only.");
  public static final ConfigKey<String> GAZETTEER_FILES = ConfigKey.string("deid.gazetteer.files", "",
      "Comma-separated site gazetteers added to the shipped place and name lists, each KIND:path (KIND one of "
          + "FIRST_NAME, SURNAME, PLACE, COUNTY, WORLD_CITY, STREET_TYPE): a UTF-8 file, one entry a line, '#' "
          + "comments, e.g. 'PLACE:/etc/phigate/neighbourhoods.txt'. Matched like the shipped lists.")
      .validate(Validator.emptyOr(Validator.matching("(?:FIRST_NAME|SURNAME|PLACE|COUNTY|WORLD_CITY|STREET_TYPE):[^,]+"
          + "(?:,(?:FIRST_NAME|SURNAME|PLACE|COUNTY|WORLD_CITY|STREET_TYPE):[^,]+)*", "comma-separated KIND:path")));
  public static final ConfigKey<Boolean> NER_ENABLED = ConfigKey.bool("deid.ner.enabled", true,
      "Add the statistical NER model (deid.ner.model) to the rule detectors; its findings are united with theirs.");
  public static final ConfigKey<String> NER_MODEL = ConfigKey.string("deid.ner.model",
      "org.phigate.deid.ner.OpenNlpNerModel",
      "Class implementing org.phigate.deid.detect.NerModel (public no-argument constructor); required when "
          + "deid.ner.enabled=true. Default: PHIGate's own person/place model (phigate deid ner-train).").validate(Validator.emptyOr(Validator.matching(
              "[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*", "a fully qualified class name")));
  public static final ConfigKey<Double> NER_THRESHOLD = ConfigKey.decimal("deid.ner.threshold", 0.72,
      "Lowest NER score kept as a finding (0..1); 0.72 was chosen on the evaluation corpora (NER model card).").validate(Validator.between(0.0, 1.0));
  public static final ConfigKey<Integer> KNOWN_MAX_VALUES = ConfigKey.integer("deid.known.store.max.values", 100,
      "Most identifiers remembered per patient in the known-identifier store (deid-known-identifiers-store); the "
          + "least recently seen are evicted first.").validate(Validator.atLeast(1));
  public static final ConfigKey<String> KNOWN_CATEGORIES = ConfigKey.string("deid.known.store.categories",
      "NAME,GEO,PHONE,FAX,EMAIL,SSN,MRN,HEALTH_PLAN_ID,ACCOUNT,LICENSE,VEHICLE_ID,DEVICE_ID,URL,IP,OTHER_ID",
      "Comma-separated PHI categories of structured fields remembered per patient and found again in the free text "
          + "of the patient's later events (DATE is off by default: every date is found by pattern anyway).")
      .validate(Validator.listOf(Arrays.stream(PhiCategory.values()).map(Enum::name).toList()));
  public static final ConfigKey<String> KNOWN_PARTIES = ConfigKey.string("deid.known.store.parties",
      "patient,relative", "Comma-separated parties (patient, relative, provider, organization) whose structured "
          + "identifiers are remembered per patient.")
      .validate(Validator.listOf(List.of("patient", "relative", "provider", "organization")));
  public static final ConfigKey<Integer> KNOWN_RETENTION_DAYS = ConfigKey.integer("deid.known.store.retention.days",
      365, "Days after a patient's last event before the patient's remembered identifiers are deleted (tombstone).")
      .validate(Validator.atLeast(1));
  public static final ConfigKey<Integer> TOKEN_BITS = ConfigKey.integer("deid.token.bits",
      Pseudonymizer.DEFAULT_TOKEN_BITS, "Bits of the value tokens the model sees ([NAME-4f2a9c01] = 32). Vault "
          + "entries are keyed by the full 256-bit keyed hash whatever this is, and two values of one event never "
          + "share a token (the later gets a longer one). TEST ONLY below 32: a few bits force token collisions.")
      .validate(bits(128));
  public static final ConfigKey<Integer> PATIENT_TOKEN_BITS = ConfigKey.integer("deid.patient.token.bits",
      Pseudonymizer.DEFAULT_PATIENT_TOKEN_BITS, "Bits of the patient tokens (PT-1b2c3d4e5f60 = 48), which also "
          + "partition the known-identifier store. TEST ONLY below 48: a few bits force patient-token collisions; "
          + "`deid forget --patient-token` and merges expect 48.")
      .validate(bits(Pseudonymizer.DEFAULT_PATIENT_TOKEN_BITS));
  public static final ConfigKey<Integer> STREAM_THREADS = ConfigKey.integer("deid.streams.num.stream.threads", 0,
      "Stream threads of the deid role, which costs more CPU per message than the other roles together "
          + "(detection and redaction); with one thread it uses at most one core. Each thread takes whole "
          + "partitions (order within a partition kept) and has its own exactly-once producer; threads beyond the "
          + "input topic's partitions idle. 0 (default) = streams.num.stream.threads, like every role. More pays where "
          + "deid has cores to itself; on 2 cores shared with the other roles a second thread cost 11-16 % more CPU "
          + "per message for 3-9 % more throughput (README Performance).")
      .validate(Validator.between(0, 64));
  public static final List<ConfigKey<?>> KEYS = List.of(APP_ID, POLICY, ALLOW_LIST, DENY_LIST, NAME_DICTIONARY,
      GAZETTEER_FILES,
      NER_ENABLED, NER_MODEL, NER_THRESHOLD, KNOWN_MAX_VALUES, KNOWN_CATEGORIES, KNOWN_PARTIES,
      KNOWN_RETENTION_DAYS, TOKEN_BITS, PATIENT_TOKEN_BITS, STREAM_THREADS);

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

  /** {@link #STREAM_THREADS}, with 0 resolved to {@link CommonConfig#THREADS}. */
  @Override
  public int streamThreads() {
    int value = common.settings().get(STREAM_THREADS);
    return value > 0 ? value : common.threads();
  }

  @Override
  public List<ConfigKey<?>> requiredKeys() {
    return List.of(CommonConfig.EVENT_KEY, CommonConfig.VAULT_KEY, CommonConfig.HMAC_KEY);
  }

  @Override
  public List<Runnable> crossChecks() {
    return List.of(() -> {
      if (nerEnabled() && nerModelClass().isBlank()) {
        throw new ConfigException(NER_MODEL.name() + " is not set: required when " + NER_ENABLED.name()
            + "=true; expected " + NER_MODEL.expected());
      }
    });
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

  /** {@code deid.gazetteer.files} as written: comma-separated KIND:path. */
  public String gazetteerFiles() {
    return common.settings().get(GAZETTEER_FILES);
  }

  public boolean nameDictionary() {
    return common.settings().get(NAME_DICTIONARY);
  }

  public double nerThreshold() {
    return common.settings().get(NER_THRESHOLD);
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

  private static Validator<Integer> bits(int max) {
    return new Validator<>("a multiple of 4 from 4 to " + max, v -> v != null && v >= 4 && v <= max && v % 4 == 0);
  }

  private static boolean denyEntry(String entry) {
    int colon = entry.indexOf(':');
    if (colon <= 0 || !entry.substring(0, colon).matches("[A-Z_]+")) {
      return true;
    }
    return Arrays.stream(PhiCategory.values()).anyMatch(c -> c.name().equals(entry.substring(0, colon)));
  }

  private static List<String> csv(String value) {
    return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The NER model class name (blank when unset). */
  public String nerModelClass() {
    return common.settings().get(NER_MODEL);
  }
}
