package org.phigate.it.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the shared public data sets ({@code shared/data}) from wherever the tests run: {@code PHIGATE_SHARED_DATA}
 * (or the system property {@code phigate.shared.data}) when set, else a {@code shared/data} folder in the working
 * directory or any parent of it (CI clones the repo with {@code ../shared} beside it; worktrees sit deeper).
 */
public final class SharedData {
  private SharedData() {}

  /** {@code shared/data/<relative>} if it exists anywhere up the tree. */
  public static Optional<Path> find(String relative) {
    String explicit = System.getProperty("phigate.shared.data", System.getenv("PHIGATE_SHARED_DATA"));
    if (explicit != null && !explicit.isBlank()) {
      Path p = Path.of(explicit).resolve(relative);
      return Files.exists(p) ? Optional.of(p) : Optional.empty();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path p = dir.resolve("shared").resolve("data").resolve(relative);
      if (Files.exists(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
