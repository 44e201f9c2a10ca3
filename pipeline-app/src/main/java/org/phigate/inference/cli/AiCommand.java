package org.phigate.inference.cli;

import java.nio.file.Path;
import java.util.Map;
import org.phigate.config.CommonConfig;
import org.phigate.config.InferenceConfig;
import org.phigate.config.Settings;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** `phigate ai`: run the clinical AI step on JSON lines ({@code triage}); the tools jar adds eval and fit. */
@Command(name = "ai", mixinStandardHelpOptions = true,
    description = "The clinical AI step on JSONL files: triage (production); eval and fit come with the tools jar.",
    subcommands = {TriageCommand.class})
public final class AiCommand implements Runnable {

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** The inference settings of {@code file} (or defaults and PHIGATE_* environment overrides when null). */
  public static InferenceConfig config(Path file) {
    if (file != null && !file.toFile().isFile()) {
      throw new IllegalArgumentException("config file " + file + " does not exist; pass a .properties file or omit "
          + "--config to use the defaults");
    }
    return new InferenceConfig(new CommonConfig(Settings.load(file, Map.of())));
  }
}
