package org.phigate.cli;

import org.phigate.audit.cli.AuditCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The `phigate` command line: demo, run, config, topics, intake, dlq, deid, audit, bench. */
@Command(name = "phigate", mixinStandardHelpOptions = true, version = "PHIGate 0.1.0",
    description = "HIPAA-safe Kafka Streams pipeline for AI in clinical workflows.",
    subcommands = {DemoCommand.class, RunCommand.class, ConfigCommand.class, TopicsCommand.class,
        IntakeCommand.class, DlqCommand.class, org.phigate.deid.cli.DeidCommand.class, AuditCommand.class,
        BenchCommand.class})
public final class PhigateCli implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the CLI and returns the exit code (tests call this instead of main). */
  public static int execute(String... args) {
    CommandLine cli = new CommandLine(new PhigateCli());
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // messages from our own code are PHI-free and say what to do next; no stack trace on the console
      commandLine.getErr().println("phigate: " + e.getMessage());
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
