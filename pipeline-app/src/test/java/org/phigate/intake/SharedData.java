package org.phigate.intake;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared data folder ({@code shared/data}, cloned beside the repository in CI): the system
 * property {@code phigate.shared.data}, the environment variable {@code PHIGATE_SHARED_DATA}, else the first
 * {@code shared/data} folder in the working directory or one of its ancestors (so a git worktree nested deeper finds
 * it too).
 */
public final class SharedData {
  private SharedData() {}

  public static Optional<Path> root() {
    String explicit = System.getProperty("phigate.shared.data", System.getenv("PHIGATE_SHARED_DATA"));
    if (explicit != null && !explicit.isBlank()) {
      return Optional.of(Path.of(explicit)).filter(Files::isDirectory);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data");
      if (Files.isDirectory(candidate.resolve("hl7v2")) && Files.isDirectory(candidate.resolve("fhir"))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
