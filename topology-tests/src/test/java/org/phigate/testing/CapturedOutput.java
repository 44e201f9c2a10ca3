package org.phigate.testing;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Tag;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Every log line (PHIGate's at DEBUG, everything else at WARN), with its exception's class and message, while open;
 * and the names and tags of every registered metric: where tests look for PHI they fed in.
 */
public final class CapturedOutput implements AutoCloseable {
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;
  private final Level previous;

  public CapturedOutput() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    appender = new AbstractAppender("captured-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent event) {
        Throwable t = event.getThrown();
        lines.add(event.getLoggerName() + " " + event.getMessage().getFormattedMessage()
            + (t == null ? "" : " " + t.getClass().getName() + ": " + t.getMessage()));
      }
    };
    appender.start();
    LoggerConfig root = context.getConfiguration().getRootLogger();
    root.addAppender(appender, Level.ALL, null);
    previous = context.getConfiguration().getLoggerConfig("org.phigate").getLevel();
    Configurator.setLevel("org.phigate", Level.DEBUG);
    context.getConfiguration().getLoggerConfig("org.phigate").addAppender(appender, Level.ALL, null);
    context.updateLoggers();
  }

  /** Log lines so far. */
  public List<String> logLines() {
    return List.copyOf(lines);
  }

  /** Every metric's name and tags, one string per meter. */
  public static List<String> metricIds() {
    return Metrics.globalRegistry.getMeters().stream().map(Meter::getId)
        .map(id -> id.getName() + id.getTags().stream().map(Tag::toString).toList()).toList();
  }

  @Override
  public void close() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().getRootLogger().removeAppender(appender.getName());
    context.getConfiguration().getLoggerConfig("org.phigate").removeAppender(appender.getName());
    Configurator.setLevel("org.phigate", previous);
    appender.stop();
  }
}
