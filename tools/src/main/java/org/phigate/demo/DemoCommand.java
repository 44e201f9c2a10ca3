package org.phigate.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.phigate.demo.DemoOptions;
import org.phigate.demo.DemoRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `phigate demo`: every role in one JVM against embedded Kafka, schema registry and FHIR server. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on embedded services with the shipped samples (or --input DIR).")
public final class DemoCommand implements Callable<Integer> {
  /** The EHR the demo writes to (lower case, as typed on the command line). */
  enum Ehr { jpa, memory }

  @Option(names = "--auto-approve", description = "Approve every held AI result as a demo reviewer, so the EHR "
      + "write-back runs. Without it results stay held, as they would without a clinician.")
  boolean autoApprove;

  @Option(names = "--input", paramLabel = "DIR", description = "Publish the *.hl7 and *.json files in DIR instead "
      + "of the shipped samples.")
  Path input;

  @Option(names = "--dump", paramLabel = "DIR", description = "After the run, write every record of every PHIGate "
      + "topic to DIR, one JSON object per line, one file per topic.")
  Path dump;

  @Option(names = "--audit-archive", paramLabel = "DIR", description = "Archive the audit trail to DIR, kept after "
      + "the demo (default: a folder under the demo's temporary directory, removed with it unless --keep-dir).")
  Path auditArchive;

  @Option(names = "--serve", description = "Keep everything running after the summary until Ctrl-C.")
  boolean serve;

  @Option(names = "--keep-dir", description = "Keep the demo's temporary directory at the end (it holds the "
      + "broker's files with plaintext PHI, the audit signing key and, by default, the audit archive); removed "
      + "otherwise, also on Ctrl-C and SIGTERM.")
  boolean keepDir;

  @Option(names = "--secure", description = "Run it all over TLS with authentication and ACLs: a local CA and "
      + "per-role credentials generated at start in the temporary directory (owner-only), every role its own "
      + "principal over SASL_SSL (SCRAM-SHA-512), the demo's own clients over mTLS, the ACLs of `acl plan` applied, "
      + "StandardAuthorizer denying the rest.")
  boolean secure;

  @Option(names = "--ehr", defaultValue = "jpa", description = "The EHR written to: jpa (default), a HAPI FHIR "
      + "JPA server in its own JVM with its H2 database in the demo's directory; or memory, the in-process stand-in "
      + "(starts at once, keeps nothing). One of: ${COMPLETION-CANDIDATES}.")
  Ehr ehr;

  @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300",
      description = "Longest wait for any one stage (default ${DEFAULT-VALUE}).")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    new DemoRunner(new DemoOptions(autoApprove, input, dump, auditArchive, serve,
        Duration.ofSeconds(timeoutSeconds), keepDir, secure,
        ehr == Ehr.memory), System.out).run();
    return 0;
  }
}
