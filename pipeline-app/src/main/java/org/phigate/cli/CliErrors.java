package org.phigate.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.FileSystemException;

/**
 * The one line the CLI prints for an exception that ends a command. PHIGate's own messages are written PHI-free and
 * say what to do next, so they are printed. A library's message may quote the input it choked on (Jackson prints the
 * offending token, HAPI the segment, a JDBC driver the value), and the input is often patient data, so for those
 * only the type, where it was raised and a PHI-free location are printed.
 */
final class CliErrors {
  private static final String OURS = "org.phigate.";

  private CliErrors() {}

  /** What to print after "phigate: " for {@code e}, ended by a hint when the message is withheld. */
  static String describe(Throwable e) {
    if (e instanceof FileSystemException f) {
      // the path is what the user typed; the reason names no data
      return e.getClass().getSimpleName() + ": " + f.getFile() + (f.getReason() == null ? "" : " (" + f.getReason()
          + ")") + "; check the path and its permissions";
    }
    if (ours(e) && e.getMessage() != null) {
      return e.getMessage();
    }
    StringBuilder line = new StringBuilder(e.getClass().getName());
    if (e instanceof JsonProcessingException json && json.getLocation() != null) {
      JsonLocation at = json.getLocation();
      line.append(" at line ").append(at.getLineNr()).append(", column ").append(at.getColumnNr());
    }
    String caller = firstOwnFrame(e);
    if (caller != null) {
      line.append(", raised under ").append(caller);
    }
    return line.append("; its message is not shown because it may quote the input (patient data). Check that the ")
        .append("input has the format the command's --help describes").toString();
  }

  /** An exception of PHIGate's own types, or a standard one our code raised (its message is ours). */
  private static boolean ours(Throwable e) {
    if (e.getClass().getName().startsWith(OURS)) {
      return true;
    }
    StackTraceElement[] stack = e.getStackTrace();
    return e.getClass().getName().startsWith("java.") && stack.length > 0
        && stack[0].getClassName().startsWith(OURS);
  }

  private static String firstOwnFrame(Throwable e) {
    for (StackTraceElement frame : e.getStackTrace()) {
      if (frame.getClassName().startsWith(OURS)) {
        return frame.getClassName().substring(OURS.length()) + "." + frame.getMethodName();
      }
    }
    return null;
  }
}
