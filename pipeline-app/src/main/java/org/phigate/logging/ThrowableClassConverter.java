package org.phigate.logging;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.pattern.ConverterKeys;
import org.apache.logging.log4j.core.pattern.LogEventPatternConverter;
import org.apache.logging.log4j.core.pattern.PatternConverter;

/**
 * Log4j pattern converter {@code %exClass}: a logged throwable as its class name and its root cause's, never its
 * message or stack trace. Third-party messages quote what they failed on (a parser quotes the bad input, which can be
 * PHI), and Log4j 2.26's own throwable options print either the message or the throwing frame, not the class.
 */
@Plugin(name = "ThrowableClassConverter", category = PatternConverter.CATEGORY)
@ConverterKeys({"exClass"})
public final class ThrowableClassConverter extends LogEventPatternConverter {
  private static final ThrowableClassConverter INSTANCE = new ThrowableClassConverter();

  private ThrowableClassConverter() {
    super("ThrowableClass", "throwable");
  }

  /** Log4j's factory method for pattern converters; takes no options. */
  public static ThrowableClassConverter newInstance(String[] options) {
    return INSTANCE;
  }

  @Override
  public void format(LogEvent event, StringBuilder out) {
    Throwable thrown = event.getThrown();
    if (thrown == null) {
      return;
    }
    out.append(" [").append(thrown.getClass().getName());
    Throwable root = thrown;
    for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
      root = root.getCause();
    }
    if (root != thrown) {
      out.append(" caused by ").append(root.getClass().getName());
    }
    out.append(']');
  }

  /** The throwable is rendered here, so the layout appends no stack trace of its own. */
  @Override
  public boolean handlesThrowable() {
    return true;
  }
}
