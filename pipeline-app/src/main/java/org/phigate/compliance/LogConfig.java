package org.phigate.compliance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;

/**
 * The log configuration this JVM runs with (the same as {@code phigate run}'s when started the same way, e.g. with
 * the same {@code PHIGATE_JAVA_OPTS}), and the loggers that would write PHI at DEBUG or TRACE
 * ({@code compliance/phi-loggers.txt}).
 */
final class LogConfig {
  private static final String RESOURCE = "/compliance/phi-loggers.txt";

  private LogConfig() {}

  static List<String> phiLoggers() {
    try (InputStream in = LogConfig.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar");
      }
      return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** Where the active Log4j configuration came from. */
  static String source() {
    if (LogManager.getContext(false) instanceof LoggerContext context) {
      String location = context.getConfiguration().getConfigurationSource().getLocation();
      return location == null ? context.getConfiguration().getName() : location;
    }
    return "not Log4j Core (levels read through the Log4j API)";
  }
}
