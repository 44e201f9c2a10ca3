package org.phigate.cli;

import org.phigate.audit.cli.AuditCommand;
import org.phigate.deid.cli.DeidCommand;
import org.phigate.inference.cli.AiCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The production `phigate` command line: run, config, topics, acl, compliance, intake, dlq, deid, audit, ai. Demo,
 * bench and the de-identification corpus and evaluation tools live in the phigate-tools module, which adds them to
 * this command line ({@code org.phigate.tools.ToolsCli}); this one loads no broker, stand-in or tool class.
 */
@Command(name = "phigate", mixinStandardHelpOptions = true, version = "PHIGate 0.1.0",
    description = "HIPAA-safe Kafka Streams pipeline for AI in clinical workflows.",
    subcommands = {RunCommand.class, ConfigCommand.class, TopicsCommand.class, AclCommand.class, ComplianceCommand.class,
        IntakeCommand.class, DlqCommand.class, DeidCommand.class, AuditCommand.class, AiCommand.class,
        KeysCommand.class})
public final class PhigateCli implements Runnable {

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the production CLI and returns the exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return execute(commandLine(), args);
  }

  /** The production command tree, for a launcher that adds more commands to it. */
  public static CommandLine commandLine() {
    return new CommandLine(new PhigateCli());
  }

  /**
   * Runs {@code cli} with PHIGate's error handling: our own messages, a library's exception by type and place only
   * (its message may quote patient data), no stack trace on the console.
   */
  public static int execute(CommandLine cli, String... args) {
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("phigate: " + CliErrors.describe(e));
      return 2;
    });
    return cli.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }
}
