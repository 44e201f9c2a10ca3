package org.phigate.deid.cli;

import java.nio.file.Path;
import org.phigate.config.CommonConfig;
import org.phigate.config.DeidConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * `phigate deid`: detect, redact, evaluate and benchmark PHI detection on JSONL files; generate and import corpora;
 * print the structured-PHI rules.
 */
@Command(name = "deid", mixinStandardHelpOptions = true,
    description = "PHI detection and de-identification tools for engineers and evaluation (JSONL in, JSONL out).",
    subcommands = {DetectCommand.class, RedactCommand.class, ForgetCommand.class, RulesCommand.class})
public final class DeidCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The deid settings of {@code file} (or defaults and PHIGATE_* environment overrides when null). */
  public static DeidConfig config(Path file) {
    if (file != null && !file.toFile().isFile()) {
      throw new IllegalArgumentException("config file " + file + " does not exist; pass a .properties file or omit "
          + "--config to use the defaults");
    }
    return new DeidConfig(CommonConfig.load(file));
  }
}
