package org.phigate.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.phigate.audit.auditor.VerifyReport;
import org.phigate.schema.AuditEvent;

/** Every kind of tampering with a sealed archive is caught by `audit verify`, each case on its own. */
class ArchiveTamperTest {
  @TempDir
  Path dir;
  ArchiveFixture archive;

  @BeforeEach
  void build() throws IOException {
    archive = new ArchiveFixture(dir).build(7, 5, 16, 1, 9);
  }

  @Test
  void shouldVerifyTheUntouchedArchiveWithEveryRecordOnce() throws IOException {
    VerifyReport report = archive.verify();
    assertThat(report.problem()).isNull();
    assertThat(report.records()).isEqualTo(38);
    assertThat(report.segments()).isEqualTo(5);
    assertThat(report.recordsInOrder()).extracting(AuditEvent::getAuditId)
        .containsExactlyElementsOf(archive.written.stream().map(AuditEvent::getAuditId).toList());
  }

  @Test
  void shouldDetectAnySingleByteFlipInASegment() throws IOException {
    for (long seq : new long[] {0, 2, 4}) {
      String name = ArchiveLayout.segment(seq);
      byte[] original = archive.read(name);
      for (int pos : samples(original.length, 40)) {
        byte[] bad = original.clone();
        bad[pos] ^= 0x01;
        archive.overwrite(name, bad);
        assertThat(archive.verify().problem()).as("flip %s byte %d of %d", name, pos, original.length)
            .isNotNull().contains(name);
      }
      archive.overwrite(name, original);
    }
    assertThat(archive.verify().ok()).isTrue();
  }

  @Test
  void shouldDetectEverySingleByteFlipInTheFirstAndLastCheckpoint() throws IOException {
    for (long seq : new long[] {0, 4}) {
      String name = ArchiveLayout.checkpoint(seq);
      byte[] original = archive.read(name);
      for (int pos = 0; pos < original.length; pos++) {
        for (int bit : new int[] {0x01, 0x80}) {
          byte[] bad = original.clone();
          bad[pos] ^= (byte) bit;
          archive.overwrite(name, bad);
          assertThat(archive.verify().problem()).as("flip %s byte %d bit %x", name, pos, bit).isNotNull();
        }
      }
      archive.overwrite(name, original);
    }
  }

  @Test
  void shouldDetectADeletedRecord() throws IOException {
    rewriteRecords(2, records -> records.remove(5));
    assertThat(archive.verify().problem()).contains(ArchiveLayout.segment(2)).contains("changed");
  }

  @Test
  void shouldDetectReorderedRecords() throws IOException {
    rewriteRecords(0, records -> Collections.swap(records, 1, 4));
    assertThat(archive.verify().problem()).contains(ArchiveLayout.segment(0));
  }

  @Test
  void shouldDetectATruncatedSegment() throws IOException {
    String name = ArchiveLayout.segment(2);
    byte[] original = archive.read(name);
    for (int cut : new int[] {1, 16, original.length / 2, original.length - 1}) {
      archive.overwrite(name, java.util.Arrays.copyOf(original, original.length - cut));
      assertThat(archive.verify().problem()).as("cut %d", cut).contains(name);
    }
  }

  @Test
  void shouldDetectACheckpointReplacedBySomeoneWithoutTheKey() throws Exception {
    String name = ArchiveLayout.checkpoint(3);
    Checkpoint cp = Checkpoint.verify(archive.read(name), archive.key.getPublic());
    var forger = SigningKeys.generate();
    archive.overwrite(name, cp.sign(forger.getPrivate(), forger.getPublic()));
    assertThat(archive.verify().problem()).contains(name).contains("not signed by the pinned public key");
  }

  @Test
  void shouldDetectACheckpointReplacedByAnotherOfTheSameArchiveOrAnotherArchive() throws IOException {
    archive.overwrite(ArchiveLayout.checkpoint(1), archive.read(ArchiveLayout.checkpoint(0)));
    assertThat(archive.verify().problem()).contains(ArchiveLayout.checkpoint(1));
  }

  @Test
  void shouldDetectADeletedSegmentOrCheckpoint() throws IOException {
    archive.delete(ArchiveLayout.checkpoint(4));
    assertThat(archive.verify().problem()).contains(ArchiveLayout.checkpoint(4)).contains("missing");
    archive.delete(ArchiveLayout.segment(1));
    assertThat(archive.verify().problem()).contains(ArchiveLayout.segment(1)).contains("missing");
  }

  @Test
  void shouldDetectTheRemovalOfTheLastSegmentAndCheckpointAgainstATrustedCheckpoint() throws IOException {
    byte[] trusted = archive.read(ArchiveLayout.checkpoint(4));
    archive.delete(ArchiveLayout.checkpoint(4));
    archive.delete(ArchiveLayout.segment(4));
    assertThat(archive.verify().ok()).as("self-consistent without outside trust").isTrue();
    assertThat(archive.verify(trusted).problem()).contains("fewer than").contains("trusted");
  }

  @Test
  void shouldDetectAWholesaleRewriteWithTheStolenKeyAgainstATrustedCheckpoint(@TempDir Path other)
      throws IOException {
    byte[] trusted = archive.read(ArchiveLayout.checkpoint(2));
    List<AuditEvent> kept = new ArrayList<>(archive.written);
    kept.remove(3);
    ArchiveWriter forger = ArchiveWriter.open(new LocalArchiveStore(other), archive.key, ArchiveFixture.ORIGIN);
    forger.append("phigate.audit.events", 0, 0, kept.size() - 1, kept);
    ArchiveFixture rewritten = new ArchiveFixture(other);
    VerifyReport report = new org.phigate.audit.auditor.ArchiveVerifier(rewritten.store, archive.key.getPublic())
        .verify(trusted);
    assertThat(report.problem()).contains("trusted");
  }

  @Test
  void shouldDetectAnObjectThatDoesNotBelong() throws IOException {
    archive.store.create("segments/extra.avro", new byte[] {1});
    assertThat(archive.verify().problem()).contains("unexpected object segments/extra.avro");
  }

  private void rewriteRecords(long seq, java.util.function.Consumer<List<AuditEvent>> edit) throws IOException {
    String name = ArchiveLayout.segment(seq);
    SegmentFile.Segment seg = SegmentFile.read(name, archive.read(name));
    List<AuditEvent> records = new ArrayList<>(seg.records());
    edit.accept(records);
    archive.overwrite(name, SegmentFile.write(seg.header(), records));
  }

  /** Positions spread over the whole file: both ends, and n evenly spaced in between. */
  static List<Integer> samples(int length, int n) {
    List<Integer> out = new ArrayList<>(List.of(0, 1, length / 2, length - 2, length - 1));
    for (int i = 1; i < n; i++) {
      out.add((int) ((long) length * i / n));
    }
    return out.stream().distinct().sorted().toList();
  }
}
