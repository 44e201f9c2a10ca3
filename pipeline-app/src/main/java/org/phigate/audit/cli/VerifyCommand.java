package org.phigate.audit.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.audit.auditor.ArchiveVerifier;
import org.phigate.audit.auditor.VerifyReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate audit verify`: checks the whole archive against a public key pinned outside it. */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Recompute every segment hash, the "
    + "Merkle tree, every record's inclusion, consistency between consecutive checkpoints and every signature. "
    + "Exit 0 when the archive verifies, 1 with the first problem otherwise.")
public final class VerifyCommand implements Callable<Integer> {
  @Mixin
  ArchiveOptions archive;

  @Option(names = "--public-key", required = true, paramLabel = "FILE",
      description = "PEM Ed25519 public key of the archiver (never taken from the archive).")
  Path publicKey;

  @Option(names = "--trusted-checkpoint", paramLabel = "FILE", description = "A checkpoint you verified before; "
      + "the archive must extend it (catches a wholesale rewrite).")
  Path trusted;

  @Override
  public Integer call() throws Exception {
    try (ArchiveStore store = archive.open()) {
      VerifyReport r = new ArchiveVerifier(store, SigningKeys.readPublic(publicKey))
          .verify(ArchiveOptions.readOptional(trusted));
      if (!r.ok()) {
        System.out.println("FAIL " + store.location() + ": " + r.problem());
        return 1;
      }
      System.out.printf("OK %s: %d segments, %d signed checkpoints, %d records, tree root %s "
              + "(every record included, checkpoints consistent%s) in %d ms%n", store.location(), r.segments(),
          r.checkpoints(), r.records(), r.rootHex(), trusted == null ? "" : ", extends the trusted checkpoint",
          r.millis());
      return 0;
    }
  }
}
