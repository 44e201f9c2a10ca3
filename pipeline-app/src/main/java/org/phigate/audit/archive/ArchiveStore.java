package org.phigate.audit.archive;

import java.io.IOException;
import java.util.List;

/** Write-once object storage for audit segments and checkpoints: objects are created once and never replaced. */
public interface ArchiveStore extends AutoCloseable {
  /** Creates {@code name}; throws {@link java.nio.file.FileAlreadyExistsException} if it exists (never replaces). */
  void create(String name, byte[] bytes) throws IOException;

  /** The object's bytes; throws {@link java.nio.file.NoSuchFileException} if it does not exist. */
  byte[] read(String name) throws IOException;

  boolean exists(String name) throws IOException;

  /** Names under prefix, sorted. */
  List<String> list(String prefix) throws IOException;

  /** Store-level signs of tampering the object listing alone hides (e.g. S3 keys with more than one version). */
  default List<String> integrityProblems() throws IOException {
    return List.of();
  }

  /** Where the archive lives, for messages. */
  String location();

  @Override
  default void close() {}
}
