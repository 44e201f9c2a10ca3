package org.phigate.config;

import java.util.List;

/** Settings of the audit-archiver role (seal the audit topic into write-once segments). */
public record ArchiverConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> GROUP_ID = ConfigKey.string("archiver.group.id", "phigate-audit-archiver",
      "Consumer group of the archiver; offsets are committed only after a segment is durable.");
  public static final ConfigKey<String> DIR = ConfigKey.string("archiver.dir", "./phigate-audit-archive",
      "Local write-once directory for audit segments (files are created read-only and never replaced).");
  public static final ConfigKey<Integer> SEGMENT_RECORDS = ConfigKey.integer("archiver.segment.records", 1000,
      "Cut a segment after this many audit records.");
  public static final ConfigKey<Long> SEGMENT_AGE = ConfigKey.longValue("archiver.segment.max.age.ms", 60000,
      "Cut a non-empty segment after this long even if it is not full.");
  public static final List<ConfigKey<?>> KEYS = List.of(GROUP_ID, DIR, SEGMENT_RECORDS, SEGMENT_AGE);

  @Override
  public String role() {
    return "audit-archiver";
  }

  @Override
  public List<ConfigKey<?>> keys() {
    return KEYS;
  }

  @Override
  public String applicationId() {
    return common.settings().get(GROUP_ID);
  }

  public String dir() {
    return common.settings().get(DIR);
  }

  public int segmentRecords() {
    return common.settings().get(SEGMENT_RECORDS);
  }

  public long segmentMaxAgeMs() {
    return common.settings().get(SEGMENT_AGE);
  }
}
