package org.phigate.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.FileAlreadyExistsException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.phigate.audit.archive.ArchiveLayout;
import org.phigate.audit.archive.ArchiveWriter;
import org.phigate.audit.archive.S3ArchiveStore;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.audit.auditor.ArchiveVerifier;
import org.phigate.audit.auditor.VerifyReport;
import org.phigate.it.support.CephRgw;
import org.phigate.schema.AuditEvent;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ObjectLockMode;
import software.amazon.awssdk.services.s3.model.ObjectVersion;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The archive on a real S3 Object Lock server (Ceph RGW from Debian packages): segments and checkpoints are locked in
 * COMPLIANCE mode for six years; deleting or shortening an archived version is refused by the server, an overwrite
 * only adds a version (the original stays) and `audit verify` reports it, as it reports a delete marker.
 */
class ObjectLockArchiveIT {
  private static final String BUCKET = "phigate-audit";
  private static CephRgw rgw;
  private static S3Client s3;
  private static S3ArchiveStore store;
  private static java.security.KeyPair key;

  @BeforeAll
  static void archiveToRgw() throws Exception {
    rgw = CephRgw.start();
    System.out.println("[ObjectLockArchiveIT] Ceph RGW up in " + rgw.startMillis() + " ms at " + rgw.endpoint());
    s3 = S3ArchiveStore.client(rgw.endpoint(), "us-east-1", true, "test", "test");
    s3.createBucket(b -> b.bucket(BUCKET).objectLockEnabledForBucket(true));
    store = new S3ArchiveStore(s3, BUCKET, "tenant-a/", 6);
    store.requireObjectLock();
    key = SigningKeys.generate();
    ArchiveWriter writer = ArchiveWriter.open(store, key, "phigate-audit/it");
    writer.append("phigate.audit.events", 0, 0, 9, events(10, 0));
    writer.append("phigate.audit.events", 1, 0, 4, events(5, 10));
    writer.append("phigate.audit.events", 0, 10, 19, events(10, 20));
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    if (rgw != null) {
      rgw.close();
    }
  }

  @Test
  void shouldArchiveLockedInComplianceModeForSixYearsAndVerify() throws Exception {
    var retention = s3.getObjectRetention(r -> r.bucket(BUCKET).key(store.key(ArchiveLayout.segment(0))))
        .retention();
    assertThat(retention.mode()).hasToString(ObjectLockMode.COMPLIANCE.toString());
    assertThat(retention.retainUntilDate()).isAfter(Instant.now().plus(6 * 365 - 1, ChronoUnit.DAYS));
    VerifyReport report = new ArchiveVerifier(store, key.getPublic()).verify(null);
    assertThat(report.problem()).isNull();
    assertThat(report.records()).isEqualTo(25);
    // a reopened writer resumes from the checkpoint stored in S3
    assertThat(ArchiveWriter.open(store, key, "phigate-audit/it").treeSize()).isEqualTo(25);
  }

  @Test
  void shouldRefuseToDeleteOrShortenAnArchivedSegmentVersion() {
    String k = store.key(ArchiveLayout.segment(1));
    String version = versions(k).get(0).versionId();
    assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(k).versionId(version)))
        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(k).versionId(version)
        .bypassGovernanceRetention(true))).isInstanceOf(S3Exception.class);
    assertThatThrownBy(() -> s3.putObjectRetention(r -> r.bucket(BUCKET).key(k).versionId(version)
        .retention(ret -> ret.mode(software.amazon.awssdk.services.s3.model.ObjectLockRetentionMode.COMPLIANCE).retainUntilDate(Instant.now().plusSeconds(60)))))
        .isInstanceOf(S3Exception.class).satisfies(e -> assertThat(((S3Exception) e).statusCode()).isEqualTo(403));
    assertThat(versions(k)).hasSize(1);
  }

  @Test
  void shouldNeverReplaceAnArchivedObjectAndReportOverwritesAndDeleteMarkers() throws Exception {
    String name = ArchiveLayout.segment(2);
    byte[] original = store.read(name);
    assertThatThrownBy(() -> store.create(name, new byte[] {1, 2, 3})).isInstanceOf(FileAlreadyExistsException.class);

    // an attacker with S3 credentials PUTs over the key: S3 keeps the locked original as an older version
    String k = store.key(name);
    String md5 = md5(new byte[] {9});
    s3.putObject(r -> r.bucket(BUCKET).key(k).contentMD5(md5), RequestBody.fromBytes(new byte[] {9}));
    List<ObjectVersion> versions = versions(k);
    assertThat(versions).hasSize(2);
    ObjectVersion oldest = versions.stream().filter(v -> !v.isLatest()).findFirst().orElseThrow();
    assertThat(s3.getObjectAsBytes(r -> r.bucket(BUCKET).key(k).versionId(oldest.versionId())).asByteArray())
        .isEqualTo(original);
    assertThatThrownBy(() -> s3.deleteObject(r -> r.bucket(BUCKET).key(k).versionId(oldest.versionId())))
        .isInstanceOf(S3Exception.class);
    assertThat(new ArchiveVerifier(store, key.getPublic()).verify(null).problem())
        .contains("storage: " + name + " has 2 versions");

    // a plain DELETE only adds a delete marker, which verify reports as well
    String cp = store.key(ArchiveLayout.checkpoint(0));
    s3.deleteObject(r -> r.bucket(BUCKET).key(cp));
    assertThat(store.integrityProblems()).anySatisfy(p -> assertThat(p).contains("delete marker"));
  }

  private static List<ObjectVersion> versions(String key) {
    return s3.listObjectVersions(r -> r.bucket(BUCKET).prefix(key)).versions().stream()
        .filter(v -> v.key().equals(key)).toList();
  }

  private static String md5(byte[] bytes) throws Exception {
    return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static List<AuditEvent> events(int n, int base) {
    org.phigate.audit.AuditEvents audit = new org.phigate.audit.AuditEvents("deid", "service:deid", "it/deid",
        java.time.Clock.systemUTC());
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> audit.event("deid.redact",
        org.phigate.schema.AuditAction.C, "ev-" + (base + i)).patientToken("PT-" + i).build()).toList();
  }
}
