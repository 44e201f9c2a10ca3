package org.phigate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.phigate.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CliErrorsTest {
  private static final String PHI = "Vandersloot";

  @Test
  void shouldWithholdALibrarysMessageThatQuotesTheInputButSayWhereItFailed() {
    CliRun run = CliRun.with(args -> PhigateCli.execute(new CommandLine(new ParsesJson()), args));
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.console()).doesNotContain(PHI)
        .contains("com.fasterxml.jackson.core.JsonParseException at line 1, column ")
        .contains("raised under cli.CliErrorsTest$ParsesJson.call").contains("--help");
  }

  @Test
  void shouldPrintPhigatesOwnMessages() {
    assertThat(CliErrors.describe(new ConfigException("kafka.bootstrap.servers is required")))
        .isEqualTo("kafka.bootstrap.servers is required");
    assertThat(CliErrors.describe(ownIllegalArgument())).isEqualTo("--audit-archive is not empty");
  }

  @Test
  void shouldWithholdAStandardExceptionRaisedInsideTheJdkOnInput() {
    NumberFormatException e = assertThrowsNfe();
    assertThat(e.getMessage()).contains(PHI);
    assertThat(CliErrors.describe(e)).doesNotContain(PHI).startsWith("java.lang.NumberFormatException, raised under");
  }

  @Test
  void shouldNameTheFileOfAFileSystemError() {
    assertThat(CliErrors.describe(new NoSuchFileException(Path.of("/data/in.jsonl").toString())))
        .isEqualTo("NoSuchFileException: /data/in.jsonl; check the path and its permissions");
  }

  private static IllegalArgumentException ownIllegalArgument() {
    return new IllegalArgumentException("--audit-archive is not empty");
  }

  private static NumberFormatException assertThrowsNfe() {
    try {
      Integer.parseInt(PHI);
      throw new AssertionError("parsed");
    } catch (NumberFormatException e) {
      return e;
    }
  }

  /** A command that reads JSON the way the import commands do, fed a line whose bad token is a surname. */
  @Command(name = "parse")
  static final class ParsesJson implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() throws Exception {
      new ObjectMapper().readTree("{\"family\": " + PHI + "}");
      return 0;
    }
  }
}
