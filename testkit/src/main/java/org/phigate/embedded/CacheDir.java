package org.phigate.embedded;

import java.nio.file.Path;

/** PHIGate's download and archive cache: {@code phigate.cache.dir}, {@code PHIGATE_CACHE_DIR} or ~/.cache/phigate. */
final class CacheDir {
  private CacheDir() {}

  static Path path() {
    String prop = System.getProperty("phigate.cache.dir");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String env = System.getenv("PHIGATE_CACHE_DIR");
    if (env != null && !env.isBlank()) {
      return Path.of(env);
    }
    return Path.of(System.getProperty("user.home"), ".cache", "phigate");
  }
}
