package org.phigate.audit.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resume from the last checkpoint, sealing a segment a crash left unsealed, write-once files, single writer. */
class ArchiveWriterTest {
  @TempDir
  Path dir;

  @Test
  void shouldResumeTheTreeAndPositionsFromTheLastCheckpoint() throws IOException {
    ArchiveFixture archive = new ArchiveFixture(dir).build(3, 4);
    ArchiveWriter reopened = ArchiveWriter.open(archive.store, archive.key, ArchiveFixture.ORIGIN);
    assertThat(reopened.treeSize()).isEqualTo(7);
    assertThat(reopened.positions()).containsEntry("phigate.audit.events/0", 3L)
        .containsEntry("phigate.audit.events/1", 4L);
    reopened.append("phigate.audit.events", 0, 3, 4, ArchiveFixture.events(2, 100));
    assertThat(archive.verify().problem()).isNull();
    assertThat(archive.verify().records()).isEqualTo(9);
  }

  @Test
  void shouldSealASegmentWrittenJustBeforeACrashOnOpen() throws IOException {
    ArchiveFixture archive = new ArchiveFixture(dir).build(3);
    ArchiveStore crashing = new CrashBeforeCheckpoint(archive.store);
    ArchiveWriter writer = ArchiveWriter.open(crashing, archive.key, ArchiveFixture.ORIGIN);
    assertThatThrownBy(() -> writer.append("phigate.audit.events", 1, 0, 4, ArchiveFixture.events(5, 50)))
        .hasMessageContaining("crash");
    assertThat(archive.verify().problem()).contains("is missing: segment 1 is not sealed");

    ArchiveWriter restarted = ArchiveWriter.open(archive.store, archive.key, ArchiveFixture.ORIGIN);
    assertThat(restarted.treeSize()).isEqualTo(8);
    assertThat(restarted.positions()).containsEntry("phigate.audit.events/1", 5L);
    assertThat(archive.verify().problem()).isNull();
  }

  @Test
  void shouldCreateReadOnlyFilesAndNeverReplaceThem() throws IOException {
    ArchiveFixture archive = new ArchiveFixture(dir).build(2);
    Path segment = archive.file(ArchiveLayout.segment(0));
    // permission bits, not Files.isWritable: root may write anything, but the file is still marked read-only
    assertThat(Files.getPosixFilePermissions(segment)).noneMatch(p -> p.name().endsWith("_WRITE"));
    byte[] before = Files.readAllBytes(segment);
    assertThatThrownBy(() -> archive.store.create(ArchiveLayout.segment(0), new byte[] {1, 2}))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readAllBytes(segment)).isEqualTo(before);
    try (var files = Files.walk(dir)) {
      assertThat(files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList()).isEmpty();
    }
  }

  @Test
  void shouldFenceASecondWriter() throws IOException {
    ArchiveFixture archive = new ArchiveFixture(dir).build(2);
    ArchiveWriter first = ArchiveWriter.open(archive.store, archive.key, ArchiveFixture.ORIGIN);
    ArchiveWriter second = ArchiveWriter.open(archive.store, archive.key, ArchiveFixture.ORIGIN);
    first.append("phigate.audit.events", 0, 2, 2, ArchiveFixture.events(1, 10));
    assertThatThrownBy(() -> second.append("phigate.audit.events", 0, 2, 2, ArchiveFixture.events(1, 20)))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(archive.verify().problem()).isNull();
  }

  @Test
  void shouldRefuseToResumeWithAnotherKeyOrOrigin() throws IOException {
    ArchiveFixture archive = new ArchiveFixture(dir).build(2);
    assertThatThrownBy(() -> ArchiveWriter.open(archive.store, SigningKeys.generate(), ArchiveFixture.ORIGIN))
        .hasMessageContaining("not signed by the pinned public key");
    assertThatThrownBy(() -> ArchiveWriter.open(archive.store, archive.key, "other"))
        .hasMessageContaining("origin");
  }

  @Test
  void shouldRoundTripSigningKeyFiles() throws IOException {
    var pair = SigningKeys.generate();
    SigningKeys.write(pair, dir.resolve("k.pem"), dir.resolve("k.pub"));
    assertThat(SigningKeys.readPair(dir.resolve("k.pem")).getPublic()).isEqualTo(pair.getPublic());
    assertThat(SigningKeys.readPublic(dir.resolve("k.pub"))).isEqualTo(pair.getPublic());
    assertThatThrownBy(() -> SigningKeys.readPair(dir.resolve("k.pub"))).hasMessageContaining("PRIVATE KEY");
  }

  /** Fails the first checkpoint write, as a crash between segment and checkpoint would. */
  private static final class CrashBeforeCheckpoint implements ArchiveStore {
    private final ArchiveStore inner;

    CrashBeforeCheckpoint(ArchiveStore inner) {
      this.inner = inner;
    }

    @Override
    public void create(String name, byte[] bytes) throws IOException {
      if (name.startsWith(ArchiveLayout.CHECKPOINTS)) {
        throw new IOException("simulated crash");
      }
      inner.create(name, bytes);
    }

    @Override
    public byte[] read(String name) throws IOException {
      return inner.read(name);
    }

    @Override
    public boolean exists(String name) throws IOException {
      return inner.exists(name);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
      return inner.list(prefix);
    }

    @Override
    public String location() {
      return inner.location();
    }
  }
}
