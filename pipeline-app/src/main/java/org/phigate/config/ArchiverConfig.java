package org.phigate.config;

import java.util.List;

/** Settings of the audit-archiver role (seal the audit topic into a Merkle-tree archive on write-once storage). */
public record ArchiverConfig(CommonConfig common) implements RoleConfig {
  public static final ConfigKey<String> GROUP_ID = ConfigKey.string("archiver.group.id", "phigate-audit-archiver",
      "Consumer group of the archiver; offsets are committed only after a segment and its checkpoint are durable.")
      .validate(Validator.nonEmpty());
  public static final ConfigKey<String> DIR = ConfigKey.string("archiver.dir", "./phigate-audit-archive",
      "Local write-once directory for the archive when archiver.uri is empty (files created read-only, never "
          + "replaced).").validate(Validator.nonEmpty());
  public static final ConfigKey<String> URI = ConfigKey.string("archiver.uri", "",
      "Archive location: empty = archiver.dir; file:/path; or s3://bucket/prefix (bucket created with Object Lock; "
          + "see archiver.s3.*).").validate(Validator.emptyOr(Validator.matching("(file:|s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/|\\?|$)).*|[^:]+",
      "file:/path, s3://bucket/prefix or a directory path")));
  public static final ConfigKey<Integer> SEGMENT_RECORDS = ConfigKey.integer("archiver.segment.records", 1000,
      "Cut a segment after this many audit records.").validate(Validator.atLeast(1));
  public static final ConfigKey<Long> SEGMENT_AGE = ConfigKey.longValue("archiver.segment.max.age.ms", 60000,
      "Cut a non-empty segment after this long even if it is not full.").validate(Validator.atLeast(1L));
  public static final ConfigKey<Long> DRAIN_TIMEOUT = ConfigKey.longValue("archiver.drain.timeout.ms", 20000,
      "On a graceful stop, read the audit topic up to its committed end for at most this long before sealing the "
          + "last segment (records left over are archived on the next start).").validate(Validator.between(0L, 25000L));
  public static final ConfigKey<String> SIGNING_KEY_FILE = ConfigKey.string("archiver.signing.key.file", "",
      "PEM file with the Ed25519 PRIVATE KEY and PUBLIC KEY that sign checkpoints (`phigate audit keygen`, or "
          + "openssl genpkey -algorithm ed25519 plus `openssl pkey -pubout` appended). Required.")
      .validate(Validator.emptyOr(Validator.readableFile()));
  public static final ConfigKey<String> ORIGIN = ConfigKey.string("archiver.origin", "",
      "Checkpoint origin line naming this log; empty = phigate-audit/<phigate.tenant>.")
      .validate(Validator.matching("[^\\r\\n]*", "empty or one line of text"));
  public static final ConfigKey<String> S3_ENDPOINT = ConfigKey.string("archiver.s3.endpoint", "",
      "S3 endpoint URL (empty = AWS for archiver.s3.region), e.g. http://127.0.0.1:7480 for Ceph RGW.")
      .validate(Validator.emptyOr(Validator.url("http", "https")));
  public static final ConfigKey<String> S3_REGION = ConfigKey.string("archiver.s3.region", "us-east-1",
      "S3 region.").validate(Validator.nonEmpty());
  public static final ConfigKey<Boolean> S3_PATH_STYLE = ConfigKey.bool("archiver.s3.path.style", false,
      "Path-style S3 URLs (needed by most non-AWS endpoints such as RGW without wildcard DNS).");
  public static final ConfigKey<String> S3_ACCESS_KEY = ConfigKey.string("archiver.s3.access.key", "",
      "S3 access key id; empty = the AWS default credential chain (env, profile, instance role).")
      .validate(Validator.anyText("empty or an access key id"));
  public static final ConfigKey<String> S3_SECRET_KEY = ConfigKey.secret("archiver.s3.secret.key",
      "S3 secret key paired with archiver.s3.access.key.")
      .validate(Validator.anyText("empty or the secret key of archiver.s3.access.key"));
  public static final ConfigKey<Integer> S3_RETENTION_YEARS = ConfigKey.integer("archiver.s3.retention.years", 6,
      "Object Lock COMPLIANCE retention of every archived object (HIPAA 164.316(b)(2): six years).")
      .validate(Validator.between(1, 100));
  public static final List<ConfigKey<?>> KEYS = List.of(GROUP_ID, DIR, URI, SEGMENT_RECORDS, SEGMENT_AGE,
      DRAIN_TIMEOUT, SIGNING_KEY_FILE, ORIGIN, S3_ENDPOINT, S3_REGION, S3_PATH_STYLE, S3_ACCESS_KEY, S3_SECRET_KEY,
      S3_RETENTION_YEARS);

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

  @Override
  public List<ConfigKey<?>> requiredKeys() {
    return List.of(SIGNING_KEY_FILE);
  }

  public String dir() {
    return common.settings().get(DIR);
  }

  /** The archive location: archiver.uri, or archiver.dir when it is empty. */
  public String uri() {
    String uri = common.settings().get(URI);
    return uri == null || uri.isBlank() ? dir() : uri;
  }

  public int segmentRecords() {
    return common.settings().get(SEGMENT_RECORDS);
  }

  public long segmentMaxAgeMs() {
    return common.settings().get(SEGMENT_AGE);
  }

  public long drainTimeoutMs() {
    return common.settings().get(DRAIN_TIMEOUT);
  }

  public String signingKeyFile() {
    String file = common.settings().get(SIGNING_KEY_FILE);
    if (file == null || file.isBlank()) {
      throw new ConfigException(SIGNING_KEY_FILE.name() + " is required for role audit-archiver: create a key with "
          + "`phigate audit keygen --out DIR` and set it (or " + SIGNING_KEY_FILE.envVar() + ")");
    }
    return file;
  }

  public String origin() {
    String origin = common.settings().get(ORIGIN);
    return origin == null || origin.isBlank() ? "phigate-audit/" + common.tenant() : origin;
  }

  public String s3(ConfigKey<String> key) {
    return common.settings().get(key);
  }

  public boolean s3PathStyle() {
    return common.settings().get(S3_PATH_STYLE);
  }

  public int s3RetentionYears() {
    return common.settings().get(S3_RETENTION_YEARS);
  }
}
