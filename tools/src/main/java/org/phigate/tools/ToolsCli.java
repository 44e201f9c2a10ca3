package org.phigate.tools;

import org.phigate.bench.BenchCommand;
import org.phigate.cli.PhigateCli;
import org.phigate.deid.tools.CorpusCommand;
import org.phigate.deid.tools.EvalCommand;
import org.phigate.deid.tools.NerTrainCommand;
import org.phigate.deid.tools.ImportCommand;
import picocli.CommandLine;

/**
 * The full `phigate` command line of a developer checkout: the production commands plus {@code demo} (every role on
 * the embedded broker, registry and EHR), {@code bench}, {@code deid corpus|eval|import|bench} and {@code ai eval|fit}.
 */
public final class ToolsCli {
  private ToolsCli() {}

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the full CLI and returns the exit code (tests call this instead of main). */
  public static int execute(String... args) {
    return PhigateCli.execute(commandLine(), args);
  }

  /** The production command tree with the demo, bench and evaluation tools added. */
  public static CommandLine commandLine() {
    CommandLine cli = PhigateCli.commandLine();
    cli.addSubcommand(new org.phigate.demo.DemoCommand());
    cli.addSubcommand(new org.phigate.demo.ReviewTokenCommand.Group());
    cli.addSubcommand(new BenchCommand());
    CommandLine deid = cli.getSubcommands().get("deid");
    deid.addSubcommand(new CorpusCommand());
    deid.addSubcommand(new EvalCommand());
    deid.addSubcommand(new NerTrainCommand());
    deid.addSubcommand(new ImportCommand());
    deid.addSubcommand(new org.phigate.deid.tools.BenchCommand());
    deid.addSubcommand(new org.phigate.deid.tools.GazetteerCommand());
    deid.addSubcommand(new org.phigate.deid.tools.GazetteerLoadCommand());
    org.phigate.inference.tools.AiToolsCommand.addTo(cli);
    return cli;
  }
}
