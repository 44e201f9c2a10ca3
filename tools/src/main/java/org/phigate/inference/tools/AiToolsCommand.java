package org.phigate.inference.tools;

import picocli.CommandLine;

/** Adds {@code ai eval}, {@code ai fit} and {@code ai crisis-fit} to the production {@code ai} command. */
public final class AiToolsCommand {
  private AiToolsCommand() {}

  public static void addTo(CommandLine cli) {
    CommandLine ai = cli.getSubcommands().get("ai");
    ai.addSubcommand(new EvalCommand());
    ai.addSubcommand(new FitCommand());
    ai.addSubcommand(new CrisisFitCommand());
  }
}
