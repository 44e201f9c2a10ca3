package org.phigate.audit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.audit.archive.SigningKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate audit keygen`: a new Ed25519 checkpoint signing key for the archiver. */
@Command(name = "keygen", mixinStandardHelpOptions = true, description = "Create an Ed25519 signing key "
    + "(DIR/audit-signing.key, for archiver.signing.key.file) and its public key (DIR/audit-signing.pub, for "
    + "auditors).")
public final class KeygenCommand implements Callable<Integer> {
  @Option(names = "--out", required = true, paramLabel = "DIR") Path out;

  @Override
  public Integer call() throws Exception {
    Path key = out.resolve("audit-signing.key");
    if (Files.exists(key)) {
      throw new IllegalArgumentException(key + " exists; refusing to replace a signing key");
    }
    SigningKeys.write(SigningKeys.generate(), key, out.resolve("audit-signing.pub"));
    System.out.println("wrote " + key + " (keep secret) and " + out.resolve("audit-signing.pub")
        + " (give to auditors)");
    return 0;
  }
}
