package org.phigate.audit.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.phigate.audit.AuditEvents;
import org.phigate.audit.auditor.ArchiveVerifier;
import org.phigate.audit.auditor.VerifyReport;
import org.phigate.schema.AuditAction;
import org.phigate.schema.AuditEvent;

/** A small signed archive in a temp directory, and helpers to tamper with it as an attacker with file access. */
final class ArchiveFixture {
  static final String ORIGIN = "phigate-audit/test";
  final Path dir;
  final KeyPair key = SigningKeys.generate();
  final LocalArchiveStore store;
  final List<AuditEvent> written = new ArrayList<>();

  ArchiveFixture(Path dir) {
    this.dir = dir;
    this.store = new LocalArchiveStore(dir);
  }

  /** Appends segments of the given sizes, alternating partitions 0 and 1. */
  ArchiveFixture build(int... segmentSizes) throws IOException {
    ArchiveWriter writer = ArchiveWriter.open(store, key, ORIGIN);
    long[] offsets = new long[2];
    for (int s = 0; s < segmentSizes.length; s++) {
      int partition = s % 2;
      List<AuditEvent> records = events(segmentSizes[s], written.size());
      writer.append("phigate.audit.events", partition, offsets[partition],
          offsets[partition] + records.size() - 1, records);
      offsets[partition] += records.size();
      written.addAll(records);
    }
    return this;
  }

  static List<AuditEvent> events(int n, int base) {
    AuditEvents audit = new AuditEvents("deid", "svc-deid", "phigate-test/deid",
        Clock.fixed(Instant.parse("2025-01-02T03:04:05Z"), ZoneOffset.UTC));
    List<AuditEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(audit.event("deid.redact", AuditAction.C, "ev-" + (base + i)).patientToken("pt-" + (base + i) % 3)
          .entity("ev-" + (base + i), "DeidentifiedEvent", "4").detail("phi.NAME", i % 4).detail("policy", "p1")
          .detail("phi.DATE", 1).build());
    }
    return out;
  }

  VerifyReport verify() throws IOException {
    return new ArchiveVerifier(store, key.getPublic()).verify(null);
  }

  VerifyReport verify(byte[] trusted) throws IOException {
    return new ArchiveVerifier(store, key.getPublic()).verify(trusted);
  }

  Path file(String name) {
    return store.path(name);
  }

  byte[] read(String name) throws IOException {
    return Files.readAllBytes(file(name));
  }

  /** Overwrites an archived file the way an attacker with file-system access would (chmod, then write). */
  void overwrite(String name, byte[] bytes) throws IOException {
    Path p = file(name);
    p.toFile().setWritable(true);
    Files.write(p, bytes);
    p.toFile().setReadOnly();
  }

  void delete(String name) throws IOException {
    Files.delete(file(name));
  }
}
