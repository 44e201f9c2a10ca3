package org.phigate.audit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.phigate.audit.archive.ArchiveStore;
import org.phigate.audit.auditor.RecordProof;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `phigate audit prove`: inclusion and consistency proofs for one record, checkable without the archive. */
@Command(name = "prove", mixinStandardHelpOptions = true, description = "Write a self-contained JSON proof that "
    + "record N (0-based tree index) is in the archive's latest signed checkpoint; check it with `audit check-proof`.")
public final class ProveCommand implements Callable<Integer> {
  @Mixin
  ArchiveOptions archive;

  @Option(names = "--record", required = true, paramLabel = "N", description = "Leaf index of the record.")
  long record;

  @Option(names = "--trusted-checkpoint", paramLabel = "FILE",
      description = "Also prove that the latest checkpoint extends this one.")
  Path trusted;

  @Option(names = "--out", paramLabel = "FILE", description = "Write the proof here instead of stdout.")
  Path out;

  @Override
  public Integer call() throws Exception {
    try (ArchiveStore store = archive.open()) {
      String proof = RecordProof.prove(store, record, ArchiveOptions.readOptional(trusted));
      if (out == null) {
        System.out.println(proof);
      } else {
        Files.writeString(out, proof);
        System.out.println("wrote the proof of record " + record + " to " + out);
      }
      return 0;
    }
  }
}
