package org.phigate.audit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.audit.archive.SigningKeys;
import org.phigate.audit.auditor.RecordProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate audit check-proof`: verifies a proof from `audit prove` with only the proof and the public key. */
@Command(name = "check-proof", mixinStandardHelpOptions = true,
    description = "Verify a proof written by `audit prove`; exit 0 when it holds, 1 otherwise.")
public final class CheckProofCommand implements Callable<Integer> {
  @Option(names = "--proof", required = true, paramLabel = "FILE") Path proof;

  @Option(names = "--public-key", required = true, paramLabel = "FILE") Path publicKey;

  @Option(names = "--trusted-checkpoint", paramLabel = "FILE") Path trusted;

  @Override
  public Integer call() throws Exception {
    String problem = RecordProof.check(Files.readString(proof), SigningKeys.readPublic(publicKey),
        ArchiveOptions.readOptional(trusted));
    System.out.println(problem == null ? "OK: the record is included in the signed checkpoint"
        + (trusted == null ? "" : ", which extends the trusted checkpoint") : "FAIL: " + problem);
    return problem == null ? 0 : 1;
  }
}
