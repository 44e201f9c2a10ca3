package org.phigate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.phigate.embedded.LocalOidcIssuer;

/**
 * Where `demo --serve` leaves its local OIDC issuer's address for `phigate review token` (the issuer URL only, no
 * key or token), removed when the demo stops.
 */
final class DemoIssuerFile implements AutoCloseable {
  private final Path file;

  private DemoIssuerFile(Path file) {
    this.file = file;
  }

  /** The file under the user's cache folder, as the tools' other downloads. */
  static Path location() {
    return Path.of(System.getProperty("user.home"), ".cache", "phigate", "demo-review-issuer.url");
  }

  static DemoIssuerFile write(LocalOidcIssuer issuer) {
    Path file = location();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, issuer.issuer() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    return new DemoIssuerFile(file);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a stale address only makes `review token` fail to connect, with a clear message
    }
  }
}
