package org.phigate.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's temporary directory: broker log segments with plaintext PHI, Streams state, the audit signing key and
 * (by default) the audit archive; also the bench's. Removed when the demo ends unless the user asked to keep it.
 */
public final class WorkDirectory {
  private WorkDirectory() {}

  /** Deletes {@code dir} and everything below it; returns the paths that could not be deleted (none when done). */
  public static long delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    long failed = 0;
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          failed++;
        }
      }
    }
    return failed;
  }
}
