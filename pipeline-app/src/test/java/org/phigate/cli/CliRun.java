package org.phigate.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.ToIntFunction;

/** One in-process run of the phigate CLI with its exit code and captured standard output and error. */
public record CliRun(int exit, String out, String err) {

  /** Runs {@code phigate args...}, capturing System.out and System.err for the duration of the call. */
  public static CliRun of(String... args) {
    return with(PhigateCli::execute, args);
  }

  /** Runs {@code cli} (e.g. the tools CLI, which adds demo, bench and deid) the same way. */
  public static CliRun with(ToIntFunction<String[]> cli, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
    try {
      int exit = cli.applyAsInt(args);
      return new CliRun(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  /** Everything the run printed: standard output, then standard error. */
  public String console() {
    return out + err;
  }
}
