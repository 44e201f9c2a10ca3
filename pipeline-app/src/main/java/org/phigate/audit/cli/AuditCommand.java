package org.phigate.audit.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `phigate audit`: the auditor's commands over the archive and the audit topic. */
@Command(name = "audit", mixinStandardHelpOptions = true,
    description = "Verify, replay, export and prove the audit trail.",
    subcommands = {VerifyCommand.class, ReplayCommand.class, ExportCommand.class, ProveCommand.class,
        CheckProofCommand.class, KeygenCommand.class})
public final class AuditCommand implements Runnable {
  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
